"""Named queries: a check (sql/checks/*.sql) returns the rows that violate a fact, a metric
(sql/metrics/*.sql) returns one number. Both run read-only and bounded by statement_timeout,
whatever session the caller hands in: the DSN is wrapped with the read-only session settings.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from deploygates import resources
from deploygates.postgres.connections import limits, read_only_dsn

CHECKS_DIR = resources.SQL_DIR / "checks"
METRICS_DIR = resources.SQL_DIR / "metrics"
REPORTS_DIR = resources.SQL_DIR / "reports"  # runbook queries whose answer is shown, not judged row by row
SHOWN_ROWS = 20
# Rows fetched at most (server-side cursor): enough to count a small breakage exactly, bounded
# for a large one.
FETCHED_ROWS = 1000


class QueryError(Exception):
    """A named query could not run (missing object, timeout, malformed file); the message says which."""


NEW_MODEL = "-- new model:"


@dataclass(frozen=True)
class NamedQuery:
    path: Path
    title: str

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def text(self) -> str:
        return self.path.read_text()

    @property
    def guards_the_new_model(self) -> bool:
        """A check marked `-- new model:` guards what the migration must create (its tables, grants, default
        organization): whatever it finds afterwards is the migration's doing, nothing of it pre-exists."""
        return any(line.startswith(NEW_MODEL) for line in self.text.splitlines())

    def __repr__(self) -> str:
        return f"NamedQuery({self.name})"


@dataclass(frozen=True, repr=False)
class CheckResult:
    query: NamedQuery
    columns: list[str]
    rows: list[tuple[object, ...]]
    truncated: bool
    seconds: float

    def __repr__(self) -> str:
        return f"CheckResult({self.query.name}, {len(self.rows)} rows)"

    @property
    def passed(self) -> bool:
        return not self.rows

    def report(self, limit: int = SHOWN_ROWS) -> str:
        count = f"at least {len(self.rows)}" if self.truncated else str(len(self.rows))
        head = f"{self.query.title}: {count} violating rows ({self.query.name}, {self.seconds:.2f}s)"
        return head + "\n" + format_table(self.columns, self.rows, limit)


def title_of(path: Path) -> str:
    text = path.read_text().strip()
    first = text.splitlines()[0] if text else ""
    if not first.startswith("--") or not first.removeprefix("--").strip():
        raise QueryError(f"{path}: the first line must be `-- <title an operator reads>`")
    return first.removeprefix("--").strip()


def named_queries(directory: Path) -> list[NamedQuery]:
    """The directory's *.sql files in name order; adding a check is adding a file."""
    return [NamedQuery(path, title_of(path)) for path in sorted(directory.glob("*.sql"))]


def format_table(columns: list[str], rows: list[tuple[object, ...]], limit: int = SHOWN_ROWS) -> str:
    shown = [["NULL" if value is None else str(value) for value in row] for row in rows[:limit]]
    widths = [max([len(c), *(len(r[i]) for r in shown)]) for i, c in enumerate(columns)]
    lines = [" | ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in shown]
    if len(rows) > limit:
        lines.append(f"… {len(rows) - limit} more rows")
    return "\n".join(lines)


def _bounded(dsn: str, statement_timeout: str | None) -> psycopg.Connection:
    parts = {key: str(value) for key, value in conninfo_to_dict(read_only_dsn(dsn, statement_timeout)).items()}
    # A check is read to its end (usually to find nothing): plan for the whole result, not for the
    # first rows as the server-side cursor would (4-9x faster at 100,000 users).
    parts["options"] += " -c cursor_tuple_fraction=1"
    conn = psycopg.connect(make_conninfo(**parts), connect_timeout=limits().connect_timeout)
    conn.read_only = True  # and the transaction itself is READ ONLY, belt and braces
    return conn


def run_check(
    dsn: str, check: NamedQuery, statement_timeout: str | None = None, params: Mapping[str, object] | None = None
) -> CheckResult:
    """Run one check read-only (`params` bind its %(name)s placeholders); its violating rows (at most
    FETCHED_ROWS) with column names."""
    started = time.perf_counter()
    try:
        with _bounded(dsn, statement_timeout) as conn, conn.cursor(name=f"check_{check.name}") as cursor:
            cursor.execute(check.text, params)
            rows = cursor.fetchmany(FETCHED_ROWS + 1)
            columns = [column.name for column in cursor.description or ()]
    except psycopg.errors.QueryCanceled as error:
        limit = statement_timeout or f"{limits().statement_seconds:g}s"
        raise QueryError(f"check {check.name} exceeded statement_timeout={limit}: {error}") from None
    except psycopg.Error as error:
        raise QueryError(f"check {check.name} could not run: {str(error).strip()}") from None
    truncated = len(rows) > FETCHED_ROWS
    return CheckResult(check, columns, rows[:FETCHED_ROWS], truncated, time.perf_counter() - started)


def run_metric(
    dsn: str, metric: NamedQuery, statement_timeout: str | None = None, params: Mapping[str, object] | None = None
) -> float:
    """A metric's one number; anything but one row of one numeric column is an error."""
    result = run_check(dsn, metric, statement_timeout, params)
    if len(result.rows) != 1 or len(result.columns) != 1 or not isinstance(result.rows[0][0], int | float | Decimal):
        raise QueryError(f"metric {metric.name} must return one number, got:\n{result.report()}")
    return float(result.rows[0][0])


def check_named(name: str, directory: Path = CHECKS_DIR) -> NamedQuery:
    path = directory / f"{name}.sql"
    if not path.is_file():
        raise QueryError(f"no check {name}: {path} does not exist")
    return NamedQuery(path, title_of(path))


def metric_named(name: str) -> NamedQuery:
    return check_named(name, METRICS_DIR)


def report_named(name: str) -> NamedQuery:
    return check_named(name, REPORTS_DIR)

