"""Identity and serial sequences against their columns: the next value a sequence hands out must be above
the column's largest value, or the next insert that takes the default collides (a data copy with explicit
ids, a setval, a restart). Found through the catalog's dependencies, whatever the tables are called."""

from __future__ import annotations

from deploygates import resources
from deploygates.postgres.queries import NamedQuery, QueryError, format_table, run_check, title_of

SEQUENCES = NamedQuery(resources.SQL_DIR / "proofs" / "sequences_behind.sql",
                       title_of(resources.SQL_DIR / "proofs" / "sequences_behind.sql"))


def behind(dsn: str) -> list[list[str]] | str:
    """One row per sequence behind its column (sequence, column, next value, maximum), or why it cannot tell."""
    try:
        result = run_check(dsn, SEQUENCES)
    except QueryError as error:
        return str(error)
    return [[str(value) for value in row] for row in result.rows]


def describe(rows: list[list[str]]) -> str:
    return format_table(["sequence", "column", "next value", "column's maximum"], [tuple(row) for row in rows])
