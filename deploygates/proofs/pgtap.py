"""The team's own pgTAP files (Supabase's supabase/tests/*.sql), run in a clone of the rehearsal's migrated
database as pg_prove runs them (psql, unaligned tuples, ON_ERROR_STOP), each assertion read from the TAP
output: `ok N - …`, `not ok N - …` and the `# ` diagnostics after it. How many assertions a file makes is read
from its `plan(N)` without running it, so that each can be its own test."""

from __future__ import annotations

import os
import re
import subprocess
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pglast
from pglast import ast

from deploygates.postgres.connections import limits
from deploygates.postgres.psql import PSQL_ERROR, client_tool, split_password
from deploygates.secrets import redact

TAP_LINE = re.compile(r"^(?P<not>not )?ok (?P<number>\d+)(?: - (?P<description>.*?))?"
                      r"(?P<directive> # (?:TODO|SKIP).*)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Assertion:
    number: int
    ok: bool
    description: str
    diagnostics: str
    todo: bool = False  # a failing TODO assertion does not fail (TAP)


@dataclass(frozen=True)
class TapRun:
    file: str
    planned: int | None  # from the output's `1..N`
    assertions: tuple[Assertion, ...]
    error: str  # psql's first error line when the file stopped, else ""
    seconds: float

    def assertion(self, number: int) -> Assertion | None:
        return next((a for a in self.assertions if a.number == number), None)


def planned(path: Path) -> int | None:
    """N of the file's `SELECT plan(N)`, read with PostgreSQL's parser; None without one (no_plan())."""
    try:
        statements = pglast.parse_sql(path.read_text(errors="replace"))
    except pglast.parser.ParseError:
        return None
    for raw in statements:
        statement: Any = raw.stmt
        target = statement.targetList[0].val if isinstance(statement, ast.SelectStmt) and statement.targetList \
            else None
        if isinstance(target, ast.FuncCall) and target.funcname and target.funcname[-1].sval == "plan" \
                and target.args and isinstance(target.args[0], ast.A_Const) \
                and isinstance(target.args[0].val, ast.Integer):
            return int(target.args[0].val.ival or 0)
    return None


def parse_tap(output: str) -> tuple[int | None, tuple[Assertion, ...]]:
    """The plan and the assertions of TAP output, each with the `# ` diagnostic lines that follow it."""
    plan: int | None = None
    found: list[Assertion] = []
    for line in output.splitlines():
        if match := re.fullmatch(r"1\.\.(\d+)", line.strip()):
            plan = int(match[1])
        elif match := TAP_LINE.match(line.strip()):
            todo = "TODO" in (match["directive"] or "").upper()
            found.append(Assertion(int(match["number"]), not match["not"], match["description"] or "", "", todo))
        elif line.startswith("#") and found:
            last = found[-1]
            found[-1] = replace(last, diagnostics=f"{last.diagnostics}\n{line}".lstrip("\n"))
    return plan, tuple(found)


def run_tap_file(bindir: Path | None, dsn: str, path: Path) -> TapRun:
    conninfo, env = split_password(dsn)
    argv = [str(client_tool(bindir, "psql")), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "--pset", "pager=off",
            "-d", conninfo, "-f", str(path)]
    started = time.perf_counter()
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=limits().script_seconds, check=False,
                              env={**os.environ, **env, "PGOPTIONS": "-c client_min_messages=warning"})
        stdout, stderr, code = done.stdout, done.stderr, done.returncode
    except subprocess.TimeoutExpired:
        stdout, stderr, code = "", f"timed out after {limits().script_seconds:.0f} s", 124
    plan, assertions = parse_tap(stdout)
    error = ""
    if code != 0:
        found = PSQL_ERROR.search(stderr)
        error = " ".join((found[0] if found else stderr.strip() or f"psql exit {code}").split())
    return TapRun(path.name, plan, assertions, redact(error), time.perf_counter() - started)


def failure(run: TapRun, number: int) -> str | None:
    """Why assertion `number` of the run does not hold, or None when it does."""
    found = run.assertion(number)
    if found is None:
        reached = max((a.number for a in run.assertions), default=0)
        why = run.error or f"the file ran {reached} assertions" + (f" of the {run.planned} it planned"
                                                                     if run.planned else "")
        return f"{run.file}: assertion {number} never ran: {why}"
    if found.ok or found.todo:
        return None
    return f"{run.file}: not ok {number} - {found.description}\n{found.diagnostics}".rstrip()


def first_unreached(run: TapRun, number: int) -> int | None:
    """The first assertion the file never reached, when `number` comes after it (it is then blocked by it)."""
    reached = {a.number for a in run.assertions}
    first = next((n for n in range(1, number) if n not in reached), None)
    return first if first is not None and number not in reached else None


def assertion_failure(run: TapRun, number: int) -> str | None:
    """Why assertion `number` does not hold (0: the first of the file's assertions that does not, or its error)."""
    if number:
        return failure(run, number)
    failed = (failure(run, a.number) for a in run.assertions)
    return next(filter(None, failed), None) or (f"{run.file}: {run.error}" if run.error else None)
