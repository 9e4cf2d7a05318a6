"""The domain shaping: the known tables of the sponsor→practitioner platform (DOMAIN.md §2) filled with
production-shaped data (sponsor ratios, relationship statuses, admins, progress, journals) by the
INSERTs of deploygates/sql/dataset/domain/, each adapted to the table the baseline really has.

Adapted: a column the shaping writes and the table lacks is left out; a column the table has and the
shaping does not know gets its default, or a generated value when it is NOT NULL without one; values are
cast to the table's types (text to an enum, to varchar(n), …). A shaping that still does not fit (a
stricter CHECK, an enum without one of its labels) gives way to the generic fill (load.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pglast
from pglast import ast
from pglast.stream import RawStream
from pglast.visitors import Visitor
from psycopg import sql

from deploygates import resources
from deploygates.dataset.catalog import Column, Table
from deploygates.dataset.generic import TEMPLATE_DIR, Assignment, Parent, foreign_key_values
from deploygates.dataset.rules import read_rules
from deploygates.dataset.values import value_of

DOMAIN_DIR = resources.DATASET_DIR / "domain"
DEFERRED_MARK = "-- load: indexes deferred"
ORDINAL = sql.SQL("s.n")


@dataclass(frozen=True)
class Shaping:
    path: Path
    table: str  # schema.name
    columns: tuple[str, ...]
    select: str  # the shaping's SELECT, as PostgreSQL's deparser writes it
    deferred: bool  # the table is large: load it without its indexes and rebuild them after
    reads: tuple[str, ...]  # the schema's tables the shaping reads (filled before it)

    def missing(self, table: Table) -> list[Column]:
        """The table's required columns the shaping does not write (NOT NULL, no default)."""
        return [c for c in table.columns if c.name not in self.columns and c.not_null and not c.has_default
                and not c.generated and not c.identity]


class _Reads(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.found: set[str] = set()

    def visit_RangeVar(self, ancestors: object, node: ast.RangeVar) -> None:
        if node.schemaname:  # unqualified names are the plan's temp tables (g_user, g_rel, g_conn)
            self.found.add(f"{node.schemaname}.{node.relname}")


@cache
def shapings(directory: Path = DOMAIN_DIR) -> dict[str, Shaping]:
    found = {}
    for path in sorted(directory.glob("*.sql")):
        text = path.read_text()
        statement: Any = pglast.parse_sql(text)[0].stmt
        if type(statement).__name__ != "InsertStmt":
            raise ValueError(f"{path}: a domain shaping is one INSERT … SELECT")
        relation = statement.relation
        table = f"{relation.schemaname or 'public'}.{relation.relname}"
        reads = _Reads()
        reads(statement.selectStmt)
        found[table] = Shaping(path, table, tuple(str(c.name) for c in statement.cols),
                               RawStream()(statement.selectStmt), DEFERRED_MARK in text, tuple(sorted(reads.found)))
    return found


def shaped_insert(table: Table, shaping: Shaping, parents: dict[int, Parent]) -> sql.Composable:
    """INSERT … SELECT of the shaping adapted to `table` (shaped_insert.sql's placeholders)."""
    provided = [c for c in table.columns if c.name in shaping.columns and not c.generated]
    missing = shaping.missing(table)
    names = [sql.Identifier(c.name) for c in provided + missing]
    values: list[sql.Composable] = [
        sql.SQL("CAST(s.{} AS {})").format(sql.Identifier(c.name), sql.SQL(c.type)) for c in provided]
    joins: list[sql.Composable] = []
    if missing:
        rules = read_rules(table.checks())
        references, joins = foreign_key_values(table, parents, Assignment(), n=ORDINAL,
                                              only={c.name for c in missing})
        values += [references.get(c.name) or value_of(c, rules.of(c.name), f"{table.qualified}.{c.name}", ORDINAL)
                   for c in missing]
        source = sql.SQL("(SELECT row_number() OVER () AS n, s0.* FROM ({}) AS s0({})) AS s")
    else:
        source = sql.SQL("({}) AS s({})")
    numbered = [sql.Identifier(name) for name in shaping.columns]
    overriding = any(c.identity == "a" for c in provided)
    return sql.SQL((TEMPLATE_DIR / "shaped_insert.sql").read_text()).format(
        table=sql.Identifier(table.schema, table.name), columns=sql.SQL(", ").join(names),
        overriding=sql.SQL("OVERRIDING SYSTEM VALUE" if overriding else ""),
        values=sql.SQL(",\n       ").join(values),
        source=source.format(sql.SQL(shaping.select), sql.SQL(", ").join(numbered)),
        joins=sql.SQL("\n      ").join(joins))
