"""Static lint of the migration scripts (Squawk) joined with the size of the tables it warns about.

Squawk knows which statements take heavy locks, not how big the tables are; the target's
statistics know the sizes. Each finding is placed in the statement that spans its line (pglast
split) and weighed by the largest existing table that statement names: a lock hazard on a large
table fails, on a new or small table it is only reported.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from deploygates.migration.statements import split_file, statement_at
from deploygates.readiness.table_rows import Rows

SQUAWK_PACKAGE = "squawk-cli"


class LintError(Exception):
    """Squawk is missing or its output is unreadable; the message says how to fix it."""


@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    rule: str
    message: str
    table: str | None  # the largest existing table the statement names
    rows: int
    lock_hazard: bool

    def describe(self) -> str:
        where = f"{self.table} ({self.rows:,} rows)" if self.table else "no existing table"
        return f"{self.file}:{self.line} {self.rule} on {where}: {self.message}"


def squawk_binary() -> Path:
    found = shutil.which("squawk") or shutil.which("squawk", path=str(Path(sys.executable).parent))
    if found is None:
        raise LintError(f"squawk not found: pip install {SQUAWK_PACKAGE} (it is in pyproject.toml)")
    return Path(found)


def squawk(file: Path, pg_version: str) -> list[dict[str, object]]:
    argv = [str(squawk_binary()), "--reporter", "json", f"--pg-version={pg_version}", str(file)]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=120, check=False)
    try:
        findings = json.loads(done.stdout or "[]")
    except json.JSONDecodeError:
        raise LintError(f"squawk on {file.name} exited {done.returncode}: {done.stderr.strip()}") from None
    if not isinstance(findings, list):
        raise LintError(f"squawk on {file.name}: expected a JSON list, got {type(findings).__name__}")
    return findings


def weigh(file: Path, raw: dict[str, object], rows: Rows, lock_rules: tuple[str, ...]) -> Finding:
    line = int(str(raw.get("line", 0))) + 1  # Squawk's JSON counts lines from 0
    statement = statement_at(split_file(file), line)
    tables = [t for t in (statement.tables if statement else ()) if t in rows]
    table = max(tables, key=lambda t: rows[t], default=None)
    rule = str(raw.get("rule_name", "?"))
    return Finding(file.name, line, rule, str(raw.get("message", "")), table,
                   rows[table] if table else 0, rule in lock_rules)


def lint(file: Path, rows: Rows, lock_rules: tuple[str, ...], pg_version: str) -> list[Finding]:
    return [weigh(file, raw, rows, lock_rules) for raw in squawk(file, pg_version)]


def blocking(findings: list[Finding], large_rows: int) -> list[Finding]:
    """Lock hazards on tables larger than `large_rows`: these fail the gate."""
    return [f for f in findings if f.lock_hazard and f.rows > large_rows]
