"""The named queries: checks are single read-only SELECTs with a title, every check has a corruption
that trips it, and the runner keeps every query read-only and bounded by statement_timeout."""

import re
from collections.abc import Iterator
from pathlib import Path

import pglast
import pytest
from pglast import ast

from deploygates.migration.catalog_record import CatalogRecordError, read_catalog_record, write_catalog_record
from deploygates.migration.corruption import corruptions
from deploygates.postgres import Server, start_server
from deploygates.postgres.connections import connect, create_database, drop_database
from deploygates.postgres.queries import (
    CHECKS_DIR,
    METRICS_DIR,
    REPORTS_DIR,
    NamedQuery,
    QueryError,
    format_table,
    named_queries,
    run_check,
    run_metric,
)
from deploygates.records import record_path
from deploygates.resources import SQL_DIR

QUERIES = [*named_queries(CHECKS_DIR), *named_queries(METRICS_DIR), *named_queries(REPORTS_DIR),
           *(query for folder in ("security", "proofs", "static") for query in named_queries(SQL_DIR / folder))]
# Proven below against a role under row level security; a corruption of the data cannot trip it.
SESSION_CHECKS = {"gate_role_sees_every_row"}
PLACEHOLDER = re.compile(r"%\(\w+\)s")  # psycopg binds these; the parser needs a value in their place


@pytest.mark.parametrize("query", QUERIES, ids=[f"{q.path.parent.name}/{q.name}" for q in QUERIES])
def test_named_query_is_one_select(query: NamedQuery) -> None:
    """Each check, metric and report is a single SELECT: nothing it runs can write."""
    statements = pglast.parse_sql(PLACEHOLDER.sub("NULL", query.text))
    assert len(statements) == 1, f"{query.path}: {len(statements)} statements"
    assert isinstance(statements[0].stmt, ast.SelectStmt), f"{query.path}: not a SELECT"


def test_every_check_has_a_corruption_that_trips_it() -> None:
    flagged = {corruption.flagged_by for corruption in corruptions()}
    assert {check.name for check in named_queries(CHECKS_DIR)} - flagged == SESSION_CHECKS


def test_every_corruption_names_an_existing_check() -> None:
    checks = {check.name for check in named_queries(CHECKS_DIR)}
    assert {c.name: c.flagged_by for c in corruptions() if c.flagged_by not in checks} == {}


def test_a_query_file_without_a_title_is_refused(tmp_path: Path) -> None:
    (tmp_path / "untitled.sql").write_text("SELECT 1;\n")
    with pytest.raises(QueryError, match="first line must be"):
        named_queries(tmp_path)


def test_failure_table_shows_twenty_rows_and_how_many_more() -> None:
    table = format_table(["id", "role"], [(n, None) for n in range(25)])
    assert table.splitlines()[2:4] == ["0  | NULL", "1  | NULL"]
    assert table.splitlines()[-1] == "… 5 more rows"


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server: Server = start_server()
    dsn = create_database(server.admin_dsn, "sql_checks_test")
    with connect(dsn) as conn:
        conn.execute("CREATE SEQUENCE counter")
        conn.execute("CREATE TABLE public.hidden (id int)")
        conn.execute("ALTER TABLE public.hidden ENABLE ROW LEVEL SECURITY")
        conn.execute("CREATE ROLE sql_checks_reader NOLOGIN")
        conn.execute("GRANT SELECT ON public.hidden TO sql_checks_reader")
    yield dsn
    drop_database(server.admin_dsn, "sql_checks_test")
    with connect(server.admin_dsn) as conn:
        conn.execute("DROP ROLE sql_checks_reader")
    server.stop()


def query_file(tmp_path: Path, body: str) -> NamedQuery:
    path = tmp_path / "probe.sql"
    path.write_text(f"-- probe\n{body}\n")
    return NamedQuery(path, "probe")


def test_a_slow_check_is_cancelled_by_statement_timeout(database: str, tmp_path: Path) -> None:
    with pytest.raises(QueryError, match="exceeded statement_timeout=200ms"):
        run_check(database, query_file(tmp_path, "SELECT pg_sleep(5)"), statement_timeout="200ms")


def test_a_check_cannot_write_even_on_a_writable_session(database: str, tmp_path: Path) -> None:
    with pytest.raises(QueryError, match="read-only transaction"):
        run_check(database, query_file(tmp_path, "SELECT nextval('counter')"))


def test_a_metric_must_be_one_number(database: str, tmp_path: Path) -> None:
    with pytest.raises(QueryError, match="must return one number"):
        run_metric(database, query_file(tmp_path, "SELECT 1, 2"))


def test_gate_role_check_flags_a_role_under_row_level_security(database: str) -> None:
    check = next(q for q in named_queries(CHECKS_DIR) if q.name == "gate_role_sees_every_row")
    as_reader = database + " options='-c role=sql_checks_reader'"
    assert [row[0] for row in run_check(as_reader, check).rows] == ["hidden"]


def test_a_missing_catalog_record_says_how_to_record_it(tmp_path: Path) -> None:
    with pytest.raises(CatalogRecordError, match=r"run `pytest -m predeploy --target staging`"):
        read_catalog_record(record_path(tmp_path, "staging", "catalog"), "staging", "db:5432/app")


def test_a_catalog_record_of_another_database_is_refused(tmp_path: Path) -> None:
    write_catalog_record(record_path(tmp_path, "staging", "catalog"), "staging", "old:5432/app", {"relations": {}})
    with pytest.raises(CatalogRecordError, match="not for staging"):
        read_catalog_record(record_path(tmp_path, "staging", "catalog"), "staging", "db:5432/app")


def test_a_recorded_catalog_reads_back(tmp_path: Path) -> None:
    path = record_path(tmp_path, "sandbox", "catalog")
    written = write_catalog_record(path, "sandbox", "local sandbox", {"relations": {"a": "b"}})
    assert read_catalog_record(path, "sandbox", "local sandbox") == written


def test_a_metric_binds_its_parameters(database: str, tmp_path: Path) -> None:
    assert run_metric(database, query_file(tmp_path, "SELECT %(n)s::int + 1"), params={"n": 41}) == 42
