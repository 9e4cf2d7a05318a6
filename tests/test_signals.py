"""A gate run stopped by SIGTERM or SIGINT 4 s in (the scratch PostgreSQL starting or loading): no PostgreSQL
process or directory of the run is left, and verdict.json is not the GO an earlier run left there."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.project import PROJECT_ROOT

OLD_GO = {"verdict": "GO", "exit_code": 0, "reason": "an earlier run: all gates passed"}


@dataclass(frozen=True)
class Stopped:
    exit_code: int
    verdict: dict[str, object]
    leftover_processes: list[str]  # command lines that name the run's temporary folder
    leftover_directories: list[str]
    output: str


def processes_naming(folder: Path) -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if str(folder) in command:
            found.append(command)
    return found


def started(scratch: Path, reports: Path, server: bool) -> bool:
    """The run is under way: its placeholder replaced the old verdict, and (if asked) its PostgreSQL runs."""
    underway = json.loads((reports / "verdict.json").read_text()) != OLD_GO
    return underway and (not server or any("bin/postgres " in p for p in processes_naming(scratch)))


def stop_a_run(workdir: Path, signum: int, *extra: str, server: bool = False) -> Stopped:
    """Start a predeploy run, signal it 4 s in (on a loaded machine: once it is under way, or its
    PostgreSQL runs if `server`), and collect what it left."""
    # The run's TMPDIR: the cluster's system user must reach its directory in it (pytest's are private).
    scratch, reports = Path(tempfile.mkdtemp(prefix="signalled-run-")), workdir / "reports"
    scratch.chmod(0o755)
    reports.mkdir()
    (reports / "verdict.json").write_text(json.dumps(OLD_GO))
    env = {**os.environ, "TMPDIR": str(scratch)}
    env.pop("SANDBOX_DATABASE_URL", None)
    argv = [sys.executable, "-m", "pytest", "-c", str(PROJECT_ROOT / "pyproject.toml"), "--rootdir", str(PROJECT_ROOT),
            "-m", "predeploy", "--users", "300", "-p", "no:cacheprovider", f"--reports-dir={reports}",
            f"--basetemp={workdir / 'basetemp'}", *extra, str(PROJECT_ROOT / "checks"), str(PROJECT_ROOT / "smoke")]
    run = subprocess.Popen(argv, cwd=workdir, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    time.sleep(4)
    deadline = time.monotonic() + 90
    while not started(scratch, reports, server) and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.2)
    run.send_signal(signum)
    output, _ = run.communicate(timeout=120)
    leftovers = [str(p) for p in scratch.iterdir() if p.name.startswith(("virtue-pg-", "gates-shared-"))]
    found = Stopped(run.returncode, json.loads((reports / "verdict.json").read_text()), processes_naming(scratch),
                    leftovers, output)
    shutil.rmtree(scratch, ignore_errors=True)
    return found


CASES = {  # signal, extra options, wait for the server
    "SIGTERM at 4 s": (signal.SIGTERM, (), False),
    "SIGTERM with the server up": (signal.SIGTERM, (), True),
    "SIGINT with the server up": (signal.SIGINT, (), True),
    "SIGTERM under xdist": (signal.SIGTERM, ("-n", "2"), True),
}


@pytest.fixture(scope="module", params=sorted(CASES))
def stopped(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Stopped:
    signum, extra, server = CASES[request.param]
    return stop_a_run(tmp_path_factory.mktemp("stopped"), signum, *extra, server=server)


def test_no_postgres_process_is_left(stopped: Stopped) -> None:
    """No process of the run's PostgreSQL (or anything else naming its folder) outlives the run."""
    assert stopped.leftover_processes == [], stopped.output[-3000:]


def test_no_cluster_directory_is_left(stopped: Stopped) -> None:
    """The cluster's directory (data, socket, log) is removed."""
    assert stopped.leftover_directories == [], stopped.output[-3000:]


def test_the_old_go_is_gone(stopped: Stopped) -> None:
    """verdict.json says INCONCLUSIVE, never the GO an earlier run left there."""
    assert stopped.verdict["verdict"] == "INCONCLUSIVE", stopped.output[-3000:]


def test_verdict_names_the_signal(stopped: Stopped) -> None:
    """verdict.json says which signal stopped the run."""
    assert stopped.verdict["interrupted"] in ("SIGTERM", "SIGINT"), stopped.verdict


def test_the_run_exits_interrupted(stopped: Stopped) -> None:
    """The run ends with pytest's exit status for an interrupted run (2), not 0."""
    assert stopped.exit_code == pytest.ExitCode.INTERRUPTED, stopped.output[-3000:]
