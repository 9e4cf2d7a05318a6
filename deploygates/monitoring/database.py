"""PostgreSQL statistics of the gated database: connection failures, connection use, and the execution
time of the organization queries (pg_stat_statements), read-only.

Connection failures: the gate opens `connection_attempts` fresh connections to the target; each one
the server refuses, or that times out, is a failure (runbook RBNOW-2, "Database connection failures").
Organization queries: two pg_stat_statements readings, one before and one after the window; the
mean is Δ total execution time / Δ calls, so it describes the window, not the server's whole life.
"""

from __future__ import annotations

from dataclasses import dataclass

import psycopg

from deploygates import resources
from deploygates.monitoring.measure import Measurement, unavailable
from deploygates.postgres.connections import limits, read_only_dsn
from deploygates.postgres.queries import QueryError, run_check, title_of
from deploygates.readiness.prerequisites import (
    connections_in_use,
    max_connections,
    pg_stat_statements_gap,
    with_search_path,
)
from deploygates.readiness.prerequisites import query as prerequisite

QUERIES = resources.SQL_DIR / "monitoring"


def sql_text(name: str) -> str:
    path = QUERIES / f"{name}.sql"
    title_of(path)  # every named query starts with its title
    return path.read_text()


def connection_failures(dsn: str, attempts: int, timeout: int = 5) -> Measurement:
    failures: list[str] = []
    for _ in range(attempts):
        try:
            with psycopg.connect(read_only_dsn(dsn), connect_timeout=timeout) as conn:
                conn.execute("SELECT 1")
        except psycopg.Error as error:
            failures.append(str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__)
    detail = f"{len(failures)} of {attempts} fresh connections failed" + (f": {failures[0]}" if failures else "")
    return Measurement(float(len(failures)), attempts, "fresh connections to the target database", detail=detail)


def connection_use(dsn: str) -> Measurement:
    where = "pg_stat_activity and max_connections"
    try:
        used, limit = connections_in_use(dsn), max_connections(dsn)
    except QueryError as error:
        return unavailable(where, str(error))
    return Measurement(used / limit, 1, where, detail=f"{used} of max_connections {limit} in use")


@dataclass(frozen=True)
class StatementsReading:
    calls: int
    total_ms: float


class OrganizationQueries:
    """Mean execution time of the statements that name organizations, over the window."""

    def __init__(self, dsn: str, pattern: str) -> None:
        self.dsn, self.pattern = dsn, pattern
        self.problem = ""
        self.before: StatementsReading | None = None

    def reading(self) -> StatementsReading | None:
        try:
            gap = pg_stat_statements_gap(self.dsn)
            if gap:
                self.problem = gap
                return None
            schema = run_check(self.dsn, prerequisite("pg_stat_statements")).rows[0][1]
            dsn = with_search_path(read_only_dsn(self.dsn), str(schema))
            with psycopg.connect(dsn, connect_timeout=limits().connect_timeout) as conn:
                row = conn.execute(sql_text("organization_queries"), {"pattern": self.pattern}).fetchone()
        except (QueryError, psycopg.Error) as error:
            self.problem = f"pg_stat_statements could not be read: {str(error).strip()}"
            return None
        assert row is not None
        return StatementsReading(int(row[0]), float(row[1]))

    def begin(self) -> None:
        self.problem = ""
        self.before = self.reading()

    def end(self) -> Measurement:
        where = f"pg_stat_statements, statements matching {self.pattern!r}"
        after = self.reading()
        if self.before is None or after is None:
            return unavailable(where, self.problem or "no reading before the window")
        calls, total = after.calls - self.before.calls, after.total_ms - self.before.total_ms
        if calls < 0:
            return unavailable(where, "pg_stat_statements was reset during the window")
        mean = total / calls if calls else None
        return Measurement(mean, calls, where, "" if calls else "no organization query ran in the window",
                           f"{calls} calls, {total:.1f} ms in total during the window")

