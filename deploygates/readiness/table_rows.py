"""How many rows each table holds: exact counts, planner estimates, and the sandbox's projection.

Only reads. The target's sizes decide which tables are large and drive the window forecast: a
real target's planner statistics (no table scanned), or, for the sandbox, its exact counts
scaled to the projected production size by the dataset's own ratios.
"""

from __future__ import annotations

import psycopg
from psycopg import sql

from deploygates import resources
from deploygates.postgres.connections import connect

PHASE1_SQL = resources.SQL_DIR / "phase1"
Rows = dict[str, int]


def query(name: str) -> str:
    """A query of sql/phase1/ without its title comment."""
    text = (PHASE1_SQL / name).read_text()
    return "\n".join(line for line in text.splitlines() if not line.startswith("--"))


def estimated_rows(conn: psycopg.Connection) -> Rows:
    return {str(name): int(rows) for name, rows in conn.execute(query("tables.sql")).fetchall()}


def count_rows(conn: psycopg.Connection, table: str) -> int:
    """Exact count(*) of `table`."""
    schema, name = table.split(".", 1)
    statement = sql.SQL(query("count_rows.sql")).format(table=sql.Identifier(schema, name))
    row = conn.execute(statement).fetchone()
    return int(row[0]) if row else -1


def exact_rows(dsn: str, tables: list[str] | None = None) -> Rows:
    """Exact counts of `tables` (default: every base table of the data schemas); -1 for a missing one."""
    with connect(dsn) as conn:
        present = estimated_rows(conn)
        names = tables if tables is not None else sorted(present)
        return {table: count_rows(conn, table) if table in present else -1 for table in names}


def projected(rows: Rows, users: int, projected_users: int) -> Rows:
    """Counts of a generated dataset of `users` users scaled to `projected_users` users."""
    factor = projected_users / users
    return {table: round(count * factor) for table, count in rows.items() if count >= 0}


def rows_of(tables: tuple[str, ...], rows: Rows) -> int:
    """Rows of the tables a statement names that exist (new tables and CTE names count nothing)."""
    return sum(rows.get(table, 0) for table in tables)
