"""Running SQL files the way the runbook does: `psql -f`, one fresh connection per file.

Passwords travel in PGPASSWORD, never on the command line, and never in the returned output.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from psycopg.conninfo import conninfo_to_dict, make_conninfo

from deploygates.secrets import redact

CUSTOM_DUMP_MAGIC = b"PGDMP"


class ClientError(Exception):
    """psql or pg_restore is missing; the message says how to install it."""


@dataclass(frozen=True, repr=False)
class ScriptRun:
    file: Path
    returncode: int
    seconds: float
    output: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def __repr__(self) -> str:
        return f"ScriptRun({self.file.name}, exit {self.returncode})"

    def summary(self) -> str:
        status = "ok" if self.ok else f"exit {self.returncode}"
        return f"{self.file.name}: {status} in {self.seconds:.2f}s\n{self.output.strip()}"


def client_tool(bindir: Path | None, name: str) -> Path:
    candidate = bindir / name if bindir else None
    if candidate and candidate.is_file():
        return candidate
    found = shutil.which(name)
    if found is None:
        raise ClientError(f"{name} not found: apt-get install postgresql-client, or set PG_BINDIR")
    return Path(found)


def split_password(dsn: str) -> tuple[str, dict[str, str]]:
    """The DSN without its password, and the environment that carries it."""
    parts = conninfo_to_dict(dsn)
    password = parts.pop("password", None)
    env = {"PGPASSWORD": str(password)} if password else {}
    return make_conninfo(**{k: str(v) for k, v in parts.items()}), env


def is_custom_dump(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(CUSTOM_DUMP_MAGIC)) == CUSTOM_DUMP_MAGIC


def run_file(
    bindir: Path | None,
    dsn: str,
    file: Path,
    settings: dict[str, str] | None = None,
    timeout: float = 3600,
    text: str | None = None,
) -> ScriptRun:
    """Apply one SQL file (or pg_dump custom archive) with ON_ERROR_STOP; never raises on SQL errors.
    With `text`, psql reads that instead of the file (a rewritten copy of it, line for line: psql's
    messages then say `psql:<stdin>:LINE`, the line in `file`)."""
    conninfo, env = split_password(dsn)
    if text is None and is_custom_dump(file):
        argv = [str(client_tool(bindir, "pg_restore")), "--no-owner", "--exit-on-error", "-d", conninfo, str(file)]
    else:
        argv = [str(client_tool(bindir, "psql")), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", conninfo]
        for key, value in (settings or {}).items():
            argv += ["-c", f"SET {key} = '{value}'"]
        argv += ["-f", "-" if text is not None else str(file)]
    started = time.perf_counter()
    try:
        done = subprocess.run(
            argv, capture_output=True, text=True, timeout=timeout, check=False, input=text,
            env={**os.environ, **env, "PGOPTIONS": "-c client_min_messages=warning"},
        )
        code, output = done.returncode, done.stdout + done.stderr
    except subprocess.TimeoutExpired:
        code, output = 124, f"timed out after {timeout:.0f}s"
    return ScriptRun(file, code, time.perf_counter() - started, redact(output))
