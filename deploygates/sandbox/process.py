"""The sandbox app as a child process: started on a free loopback port, stopped without leftovers.

The child imports the same copy of `deploygates` as its parent (a checkout or an installed package),
whatever the working directory.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from deploygates import resources
from deploygates.processes import Service, start_service

DSN_VARIABLE = "SANDBOX_APP_DATABASE_URL"


def start_app(
    database_url: str, platform_state: Path, knobs: str | None = None,
    workdir: Path | None = None, timeout: float = 30,
) -> Service:
    """Start `python -m deploygates.sandbox.app` and wait until it serves; the DSN travels in the environment."""
    workdir = workdir or Path(tempfile.mkdtemp(prefix="sandbox-app-"))
    url_file, log = workdir / "app.url", workdir / "app.log"
    url_file.unlink(missing_ok=True)
    argv = [sys.executable, "-m", "deploygates.sandbox.app", "--platform-state", str(platform_state),
            "--url-file", str(url_file)]
    if knobs:
        argv += ["--knobs", knobs]
    here = str(resources.PACKAGE_DIR.parent)
    path = os.pathsep.join(p for p in (here, os.environ.get("PYTHONPATH", "")) if p)
    env = {**os.environ, DSN_VARIABLE: database_url, "PYTHONPATH": path}

    def ready() -> str | None:
        return url_file.read_text().strip() if url_file.exists() else None

    return start_service("the sandbox app", argv, log, ready, timeout=timeout, cwd=workdir, env=env)
