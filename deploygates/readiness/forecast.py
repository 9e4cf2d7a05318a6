"""The window forecast: per-statement durations at two dataset sizes, fitted and projected.

For every statement, time ≈ a + b·rows, where rows are those of the existing tables the statement
names (a statement that runs code whose tables the parser cannot see, a DO block or a function
call, is driven by the whole database). Two measured scales give a and b; the target's row counts
give the projection. Negative projections are clipped to zero. A linear fit underestimates a
statement that grows faster than its rows (a nested loop); the per-statement breakdown shows
which statements dominate, so such a statement is visible.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from deploygates.migration.files import SqlSources
from deploygates.migration.statements import Statement
from deploygates.readiness.table_rows import Rows, rows_of
from deploygates.readiness.timing import ScaleRun


@dataclass(frozen=True)
class Projected:
    statement: Statement
    large_seconds: float
    small_seconds: float
    seconds: float  # projected to the target


@dataclass
class Forecast:
    large_users: int
    small_users: int
    migration_files: tuple[str, ...]
    validation_file: str
    rollback_file: str
    drain_seconds: float
    projected: list[Projected] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)  # file name -> why it was not fully timed

    @property
    def window_files(self) -> tuple[str, ...]:
        """The scripts of the window, in runbook order: migrations, then validation."""
        return (*self.migration_files, self.validation_file)

    def measured(self, file: str, large: bool = True) -> float:
        return sum(p.large_seconds if large else p.small_seconds for p in self.projected if p.statement.file == file)

    def seconds(self, file: str) -> float:
        return sum(p.seconds for p in self.projected if p.statement.file == file)

    @property
    def window_seconds(self) -> float:
        return self.drain_seconds + sum(self.seconds(file) for file in self.window_files)

    @property
    def rollback_seconds(self) -> float:
        return self.seconds(self.rollback_file)

    def unmeasured(self, files: tuple[str, ...]) -> list[str]:
        """Why any of `files` lacks a complete measurement (it failed, or never ran)."""
        timed = {p.statement.file for p in self.projected}
        return [self.errors.get(file, f"{file}: not run (an earlier script failed)")
                for file in files if file in self.errors or file not in timed]

    def slowest(self, count: int = 5) -> list[Projected]:
        return sorted(self.projected, key=lambda p: p.seconds, reverse=True)[:count]


def driver(statement: Statement, rows: Rows) -> int:
    named = rows_of(statement.tables, rows)
    if named == 0 and statement.runs_code:
        return sum(count for count in rows.values() if count > 0)
    return named


def fit(x_large: int, t_large: float, x_small: int, t_small: float) -> tuple[float, float]:
    """(a, b) of t = a + b·x through two points; a constant when the sizes do not differ."""
    if x_large == x_small:
        return max(t_large, t_small), 0.0
    slope = (t_large - t_small) / (x_large - x_small)
    return t_large - slope * x_large, slope


def project_statement(statement: Statement, large: tuple[Rows, float], small: tuple[Rows, float],
                      target: Rows) -> float:
    a, b = fit(driver(statement, large[0]), large[1], driver(statement, small[0]), small[1])
    return max(0.0, a + b * driver(statement, target))


def forecast(large: ScaleRun, small: ScaleRun, target: Rows, sources: SqlSources, drain_seconds: float) -> Forecast:
    """Project every statement timed at both scales (a file that failed at either is not complete)."""
    errors = {file: f"{run.users} users: {error}" for run in (small, large) for file, error in run.errors.items()}
    result = Forecast(large.users, small.users, tuple(f.name for f in sources.migrations), sources.validation.name,
                      sources.rollback.name, drain_seconds, errors=errors)
    timed_small = {(t.statement.file, t.statement.line): t.seconds for t in small.timings}
    for big in large.timings:
        little = timed_small.get((big.statement.file, big.statement.line))
        if little is not None:
            seconds = project_statement(big.statement, (large.rows, big.seconds), (small.rows, little), target)
            result.projected.append(Projected(big.statement, big.seconds, little, seconds))
    return result
