"""Running SQL files the way the runbook does: `psql -f`, one fresh connection per file.

Passwords travel in PGPASSWORD, never on the command line, and never in the returned output.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from psycopg.conninfo import conninfo_to_dict, make_conninfo

from deploygates.errors import Unmeasured
from deploygates.postgres.connections import limits
from deploygates.secrets import redact

CUSTOM_DUMP_MAGIC = b"PGDMP"


class ClientError(Unmeasured):
    """psql, pg_dump or pg_restore is missing; the message says how to install it (one root cause: every
    gate that needs the tool is blocked by the first that met its absence)."""


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

    def failure(self) -> Failure | None:
        """Where and why the script stopped: psql's `psql:FILE:LINE: ERROR: …` (or pg_restore's error)."""
        if self.ok:
            return None
        found = PSQL_ERROR.search(self.output)
        if found is None:
            last = next((line for line in reversed(self.output.strip().splitlines()) if line.strip()), "")
            return Failure(self.file.name, 0, last.strip() or f"exit {self.returncode}", "")
        line = int(found["line"])
        return Failure(self.file.name, line, " ".join(found["error"].split()), statement_at_line(self.file, line))

    def headline(self) -> str:
        """One line an operator reads first: `file:line: ERROR: …`, and the statement."""
        failed = self.failure()
        if failed is None:
            return f"{self.file.name}: ok in {self.seconds:.2f} s"
        return failed.describe()


@dataclass(frozen=True)
class Failure:
    file: str
    line: int  # 0 when psql named none
    error: str  # PostgreSQL's own words
    statement: str  # the statement at that line, shortened ("" when unknown)

    def describe(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        statement = f"\n  statement: {self.statement}" if self.statement else ""
        return f"{where}: {self.error}{statement}"

    def as_json(self) -> str:
        """The failure as the evidence verdict.json carries for its root cause."""
        return json.dumps({"file": self.file, "line": self.line, "error": self.error, "statement": self.statement})


PSQL_ERROR = re.compile(
    r"^psql:(?P<file>.+?):(?P<line>\d+): (?P<error>(?:ERROR|FATAL|PANIC):.*(?:\n(?:DETAIL|HINT):.*)*)", re.MULTILINE)
STATEMENT_WIDTH = 160


def statement_at_line(file: Path, line: int) -> str:
    """The statement of `file` that spans `line`, on one line (the line itself where the file does not parse)."""
    try:
        lines = file.read_text(errors="replace").splitlines()
    except OSError:
        return ""
    if not 0 < line <= len(lines):
        return ""
    start = line - 1
    while start > 0 and not lines[start - 1].rstrip().endswith(";") and lines[start - 1].strip():
        start -= 1
    end = line - 1
    while end < len(lines) - 1 and not lines[end].rstrip().endswith(";"):
        end += 1
    text = " ".join(" ".join(lines[start:end + 1]).split())
    return text if len(text) <= STATEMENT_WIDTH else text[:STATEMENT_WIDTH - 1] + "…"


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
    env["PGCONNECT_TIMEOUT"] = str(limits().connect_timeout)  # a server that never answers costs one timeout
    return make_conninfo(**{k: str(v) for k, v in parts.items()}), env


def is_custom_dump(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(CUSTOM_DUMP_MAGIC)) == CUSTOM_DUMP_MAGIC


def run_file(
    bindir: Path | None,
    dsn: str,
    file: Path,
    settings: dict[str, str] | None = None,
    timeout: float | None = None,
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
    timeout = timeout or limits().script_seconds
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
