"""A table filled from its catalog alone: how many rows, and each column's value.

Rows: one per row of its largest parent (the tables it references; a table referencing none gets
LOOKUP_ROWS), fewer where a unique key over finite columns cannot hold more. Values: foreign keys point
at rows their parent really has (through a numbered key table of the parent, see load.py); a unique key
gets the row's ordinal in one of its columns, or, when every column of it is finite (foreign keys,
enums, CHECK lists), a mixed-radix enumeration of their values; every other column a seeded value its type
and CHECKs allow. Each CHECK of the table, as PostgreSQL wrote it, filters the generated rows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from psycopg import sql

from deploygates import resources
from deploygates.dataset.catalog import Column, Constraint, Table
from deploygates.dataset.rules import Allowed, Rules, check_expression, read_rules
from deploygates.dataset.values import Unfillable, value_of

TEMPLATE_DIR = resources.DATASET_DIR / "templates"
LOOKUP_ROWS = 20
N = sql.SQL("g.n")
INJECTABLE = ("S", "N", "D", "U")  # categories whose values can carry the row's ordinal


@dataclass(frozen=True)
class Parent:
    """A filled table as its children see it: its row count and a numbered key table per key."""

    rows: int
    keys: dict[tuple[str, ...], str]  # referenced columns -> temp table (n, columns…)


@dataclass
class Assignment:
    unique: set[str] = field(default_factory=set)  # columns carrying the ordinal
    digits: dict[str, tuple[sql.Composable, int]] = field(default_factory=dict)  # column -> (digit, base)
    capacity: int | None = None


def _finite_size(column: Column, allowed: Allowed, fk_rows: int | None) -> int | None:
    if fk_rows is not None:
        return fk_rows
    if allowed.finite is not None:
        return allowed.finite
    if column.category == "E" and column.labels:
        return len(column.labels)
    if column.category == "B":
        return 2
    return None


def _injectable(column: Column, allowed: Allowed) -> bool:
    return (column.category in INJECTABLE and column.base_type not in ("json", "jsonb", "money", "tsvector")
            and allowed.finite is None and not column.generated)


def assign_uniques(table: Table, rules: Rules, fk_rows: dict[str, int]) -> Assignment:
    """Which columns make each unique key distinct per row."""
    plan = Assignment()
    for key in table.uniques:
        columns = [table.column(name) for name in key.columns]
        if any(c is None for c in columns) or any(c.name in plan.unique for c in columns if c):
            continue
        free = [c for c in columns if c and c.name not in fk_rows and _injectable(c, rules.of(c.name))]
        if free:
            plan.unique.add(free[0].name)
            continue
        stride = math.prod(base for _, base in plan.digits.values()) if plan.digits else 1
        for column in (c for c in columns if c and c.name not in plan.digits):
            base = _finite_size(column, rules.of(column.name), fk_rows.get(column.name))
            if not base:
                raise Unfillable(f"unique key {key.name}: cannot enumerate column {column.name}")
            digit = sql.SQL("(({} - 1) / {} % {})").format(N, sql.Literal(stride), sql.Literal(base))
            plan.digits[column.name] = (digit, base)
            stride *= base
        plan.capacity = stride if plan.capacity is None else min(plan.capacity, stride)
    return plan


def _single_column_fks(table: Table) -> dict[str, Constraint]:
    return {fk.columns[0]: fk for fk in table.of_kind("f") if len(fk.columns) == 1}


def row_count(table: Table, parents: dict[int, Parent]) -> int:
    sizes = [parents[fk.ref_table].rows for fk in table.of_kind("f")
             if fk.ref_table in parents and fk.ref_table != table.oid]
    return max(sizes) if sizes else LOOKUP_ROWS


def foreign_key_values(table: Table, parents: dict[int, Parent], plan: Assignment, n: sql.Composable = N,
                       only: set[str] | None = None) -> tuple[dict[str, sql.Composable], list[sql.Composable]]:
    """Each foreign-key column's value (a column of a joined key table), and the joins; `only` limits
    them to the keys whose columns are all in it."""
    values: dict[str, sql.Composable] = {}
    joins: list[sql.Composable] = []
    main = True
    for number, fk in enumerate(table.of_kind("f"), start=1):
        if only is not None and not set(fk.columns) <= only:
            continue
        columns = [table.column(name) for name in fk.columns]
        required = any(c is not None and c.not_null for c in columns)
        parent = parents.get(fk.ref_table) if fk.ref_table is not None else None
        if fk.ref_table == table.oid or parent is None or parent.rows == 0:
            if required:
                why = "it references itself" if fk.ref_table == table.oid else "its parent has no rows"
                raise Unfillable(f"foreign key {fk.name}: {why}")
            continue
        alias = sql.Identifier(f"g_k{number}")
        digit = plan.digits.get(fk.columns[0], (None, 0))[0] if len(fk.columns) == 1 else None
        if digit is not None:
            ordinal = sql.SQL("1 + {}").format(digit)
        elif main and required:
            ordinal = sql.SQL("(({} - 1) % {}) + 1").format(n, sql.Literal(parent.rows))
            main = False
        else:
            ordinal = sql.SQL("1 + pg_temp.h({}, {}) % {}").format(
                sql.Literal(f"{table.qualified}.{fk.name}"), n, sql.Literal(parent.rows))
        joins.append(sql.SQL("LEFT JOIN {} AS {} ON {}.n = {}").format(
            sql.Identifier(parent.keys[fk.ref_columns]), alias, alias, ordinal))
        for mine, theirs in zip(fk.columns, fk.ref_columns, strict=True):
            values.setdefault(mine, sql.SQL("{}.{}").format(alias, sql.Identifier(theirs)))
    return values, joins


def generic_select(table: Table, parents: dict[int, Parent], rows: int | None = None) -> sql.Composable:
    """INSERT … SELECT filling `table` from nothing but its catalog (generic_insert.sql's placeholders)."""
    checks = table.checks()
    rules = read_rules(checks)
    fk_rows = {name: parents[fk.ref_table].rows for name, fk in _single_column_fks(table).items()
               if fk.ref_table in parents and fk.ref_table != table.oid}
    plan = assign_uniques(table, rules, fk_rows)
    references, joins = foreign_key_values(table, parents, plan)
    count = rows if rows is not None else row_count(table, parents)
    count = min(count, plan.capacity) if plan.capacity is not None else count
    unreferenced = {name for fk in table.of_kind("f") for name in fk.columns if name not in references}
    names: list[sql.Composable] = []
    values: list[sql.Composable] = []
    for column in table.columns:
        if column.generated or column.name in unreferenced:
            continue
        value = references.get(column.name)
        if value is None:
            digit = plan.digits.get(column.name, (None, 0))[0]
            value = value_of(column, rules.of(column.name), f"{table.qualified}.{column.name}", N,
                             unique=column.name in plan.unique, digit=digit)
        names.append(sql.Identifier(column.name))
        values.append(sql.SQL("{} AS {}").format(value, sql.Identifier(column.name)))
    filters: list[sql.Composable] = [sql.SQL("({}) IS NOT FALSE").format(sql.SQL(check_expression(c))) for c in checks]
    return sql.SQL((TEMPLATE_DIR / "generic_insert.sql").read_text()).format(
        table=sql.Identifier(table.schema, table.name), columns=sql.SQL(", ").join(names),
        overriding=sql.SQL("OVERRIDING SYSTEM VALUE" if any(c.identity == "a" for c in table.columns) else ""),
        values=sql.SQL(",\n           ").join(values), rows=sql.Literal(count),
        joins=sql.SQL("\n      ").join(joins), filter=sql.SQL(" AND ").join(filters or [sql.SQL("true")]))

