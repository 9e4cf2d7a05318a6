"""Pre-deployment prerequisites measured on the target database, read-only.

Connection limits and their headroom (runbook "Database connection limits increased temporarily"),
the application's sessions that must be gone once Step 1 scaled it to zero, and whether
pg_stat_statements can feed Step 8's performance monitoring. Thresholds and the application's
database identity are data: the [prerequisites] table of thresholds.toml. The queries are the files
of sql/prerequisites/.
"""

from __future__ import annotations

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from deploygates import resources
from deploygates.manifest.thresholds import Prerequisites
from deploygates.postgres.connections import SUITE_APPLICATION_NAME, connect
from deploygates.postgres.queries import CheckResult, NamedQuery, QueryError, run_check, run_metric, title_of

QUERIES = resources.SQL_DIR / "prerequisites"


def query(name: str) -> NamedQuery:
    path = QUERIES / f"{name}.sql"
    return NamedQuery(path, title_of(path))


def max_connections(dsn: str) -> int:
    return int(run_metric(dsn, query("max_connections")))


def connections_in_use(dsn: str) -> int:
    return int(run_metric(dsn, query("connections_in_use")))


def database_activity(dsn: str) -> int:
    """Committed transactions of the target database: proof that pg_stat_database answers with data."""
    return int(run_metric(dsn, query("database_activity")))


def application_sessions(dsn: str, prerequisites: Prerequisites) -> CheckResult:
    """Sessions of the application (by application_name or user) still connected; the suite's excluded."""
    check = query("application_sessions")
    params = {"suite": SUITE_APPLICATION_NAME, "application_names": list(prerequisites.app_application_names),
              "usenames": list(prerequisites.app_usenames)}
    try:
        with connect(dsn) as conn, conn.cursor() as cursor:
            cursor.execute(check.text.encode(), params)
            rows = cursor.fetchall()
            columns = [column.name for column in cursor.description or ()]
    except psycopg.Error as error:
        raise QueryError(f"check {check.name} could not run: {str(error).strip()}") from None
    return CheckResult(check, columns, rows, False, 0.0)


def pg_stat_statements_gap(dsn: str) -> str | None:
    """None when pg_stat_statements is installed and recording; otherwise what is missing and what follows."""
    status = run_check(dsn, query("pg_stat_statements"))
    available, schema = status.rows[0]
    consequence = ("runbook step 8's query monitoring (STEP8-1) and the database side of the performance "
                   "baseline (VALPREP-2) will have no data")
    if schema is None:
        offered = "offered by the server" if available else "not even offered by the server"
        return (f"pg_stat_statements is not installed in this database ({offered}): {consequence}; "
                "install it before the window: CREATE EXTENSION pg_stat_statements (Supabase: Database → Extensions)")
    try:
        run_metric(with_search_path(dsn, str(schema)), query("pg_stat_statements_rows"))
    except QueryError as error:
        return (f"pg_stat_statements is installed in schema {schema} but cannot be read ({error}): {consequence}; "
                "it must be in shared_preload_libraries and the gate's role needs pg_read_all_stats")
    return None


def with_search_path(dsn: str, schema: str) -> str:
    parts = {key: str(value) for key, value in conninfo_to_dict(dsn).items()}
    parts["options"] = f"{parts.get('options', '')} -c search_path={schema}".strip()
    return make_conninfo(**parts)


class MonitoringGap(UserWarning):
    """A monitoring source is missing but the night can go on; the message names what will lack data."""
