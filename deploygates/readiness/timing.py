"""The scripts timed statement by statement on a scratch clone of the pre-migration database.

Each file gets a fresh connection in autocommit mode and its statements are sent one at a time,
exactly as `psql -f` sends them (the scripts' own BEGIN and COMMIT open and close their
transaction), so the timing of every statement is the time the runbook's run spends on it.
Order: the migration scripts, the validation script, the rollback script. A script that fails
stops the run, except one allowed to fail (the validation rejecting a broken state still took
its time to do so).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from deploygates.migration.files import SqlSources
from deploygates.migration.statements import Statement, split_file
from deploygates.migration.template import DatasetSpec, build_template, clone
from deploygates.postgres.connections import connect, drop_database, scratch_name
from deploygates.readiness.table_rows import Rows, exact_rows

SMALL_USERS = 1000
QUICK_SECONDS = 1.0
QUICK_REPEATS = 3


@dataclass(frozen=True)
class Timed:
    statement: Statement
    seconds: float


@dataclass
class ScaleRun:
    users: int
    rows: Rows  # pre-migration row counts of the clone
    timings: list[Timed] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)  # file name -> first error

    def seconds(self, file: str) -> float:
        return sum(t.seconds for t in self.timings if t.statement.file == file)


def run_statements(dsn: str, file: Path, run: ScaleRun) -> bool:
    """Time every statement of `file` on its own connection; False (and an error) at the first error."""
    with connect(dsn) as conn:
        for statement in split_file(file):
            started = time.perf_counter()
            try:
                conn.execute(statement.text)
            except psycopg.Error as error:
                run.timings.append(Timed(statement, time.perf_counter() - started))
                run.errors[file.name] = f"{file.name}:{statement.line}: {str(error).strip().splitlines()[0]}"
                return False
            run.timings.append(Timed(statement, time.perf_counter() - started))
    return True


def fastest(runs: list[ScaleRun]) -> ScaleRun:
    """Per statement, the fastest of several runs that timed the same statements."""
    best = runs[0]
    for other in runs[1:]:
        if [t.statement for t in other.timings] == [t.statement for t in best.timings]:
            pairs = zip(best.timings, other.timings, strict=True)
            best.timings = [min(a, b, key=lambda t: t.seconds) for a, b in pairs]
    return best


def time_sizes(admin_dsn: str, bindir: Path | None, sources: SqlSources, sizes: tuple[int, ...],
               seed: int) -> list[ScaleRun]:
    """The migration, validation and rollback scripts timed on a clone of the generated pre-migration
    template at each size (the validation may fail: rejecting a state still takes its time)."""
    files = (*sources.migrations, sources.validation, sources.rollback)
    runs = []
    for users in sizes:
        template = build_template(admin_dsn, bindir, sources, DatasetSpec(users, seed))
        runs.append(time_scale(admin_dsn, template.name, users, files, (sources.validation,)))
    return runs


def time_scale(admin_dsn: str, template: str, users: int, files: tuple[Path, ...],
               may_fail: tuple[Path, ...] = ()) -> ScaleRun:
    """Time `files` on a clone of `template`. A small dataset (under SMALL_USERS users) whose run took
    under QUICK_SECONDS is mostly milliseconds, where scheduling noise is as large as the work: it is
    repeated on fresh clones, QUICK_REPEATS runs in all, and each statement's fastest time kept
    (noise only adds time)."""
    runs = [time_once(admin_dsn, template, users, files, may_fail)]
    if users < SMALL_USERS and sum(t.seconds for t in runs[0].timings) < QUICK_SECONDS:
        runs += [time_once(admin_dsn, template, users, files, may_fail) for _ in range(QUICK_REPEATS - 1)]
    return fastest(runs)


def time_once(admin_dsn: str, template: str, users: int, files: tuple[Path, ...],
              may_fail: tuple[Path, ...] = ()) -> ScaleRun:
    """Clone `template`, count its rows, run `files` statement by statement, drop the clone."""
    name = scratch_name(f"timing_{users}")
    dsn = clone(admin_dsn, template, name)
    try:
        run = ScaleRun(users, exact_rows(dsn))
        for file in files:
            if not run_statements(dsn, file, run) and file not in may_fail:
                break
        return run
    finally:
        drop_database(admin_dsn, name)
