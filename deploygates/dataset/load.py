"""Filling a freshly baselined database: the domain shaping where the known tables are, the generic fill
everywhere else, parents before children, each table in its own savepoint. A table that cannot be
filled is one line in the report (and its rows stay empty); the load goes on.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import psycopg
from psycopg import sql

from deploygates import resources
from deploygates.dataset.catalog import Table, fill_order, read_tables, tables_to_fill
from deploygates.dataset.domain import Shaping, shaped_insert, shapings
from deploygates.dataset.generic import TEMPLATE_DIR, Parent, generic_select
from deploygates.dataset.values import Unfillable
from deploygates.postgres.connections import connect

DATASET_DIR = resources.DATASET_DIR
USERS_TABLE = "auth.users"


@dataclass
class DatasetReport:
    users: int
    seed: int
    rows: dict[str, int] = field(default_factory=dict)  # schema.table -> rows loaded
    shaped: list[str] = field(default_factory=list)  # tables the domain shaping filled
    problems: list[str] = field(default_factory=list)  # one line per table left empty or shaped otherwise
    timings: dict[str, float] = field(default_factory=dict)  # schema.table -> seconds its load took
    seconds: float = 0.0

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())

    def summary(self) -> str:
        return (f"generated dataset: {self.users:,} users, seed {self.seed}, {self.total_rows:,} rows in "
                f"{len(self.rows)} tables ({len(self.shaped)} shaped like production) in {self.seconds:.1f} s")


def first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def template(name: str) -> str:
    return (TEMPLATE_DIR / f"{name}.sql").read_text()


class Loader:
    def __init__(self, conn: psycopg.Connection, report: DatasetReport) -> None:
        self.conn, self.report = conn, report
        self.parents: dict[int, Parent] = {}
        self.replica = conn.execute(template("replica_mode")).fetchone() == (True,)

    def run(self, name: str, table: Table) -> list[tuple[object, ...]]:
        """A one-table template (its {table} as a regclass literal where it is an argument)."""
        identifier = sql.Identifier(table.schema, table.name)
        argument = identifier if name.startswith("triggers") else sql.SQL("{}::regclass").format(
            sql.Literal(identifier.as_string(self.conn)))
        cursor = self.conn.execute(sql.SQL(template(name)).format(table=argument))
        return cursor.fetchall() if cursor.description else []

    def number_keys(self, child: Table, tables: dict[int, Table]) -> None:
        """Number the keys of the child's parents it references (once per parent and key): only tables
        filled from the catalog need them, the shaping knows its keys."""
        for fk in child.of_kind("f"):
            parent = self.parents.get(fk.ref_table) if fk.ref_table is not None else None
            if parent is None or fk.ref_columns in parent.keys or fk.ref_table not in tables:
                continue
            table = tables[fk.ref_table]
            parent.keys[fk.ref_columns] = name = f"g_key_{table.oid}_{len(parent.keys)}"
            columns = fk.ref_columns
            self.conn.execute(sql.SQL(template("key_table")).format(
                keys=sql.Identifier(name), table=sql.Identifier(table.schema, table.name),
                columns=sql.SQL(", ").join(sql.Identifier(c) for c in columns),
                present=sql.SQL(" AND ").join(sql.SQL("{} IS NOT NULL").format(sql.Identifier(c)) for c in columns)))

    def insert(self, table: Table, statement: sql.Composable, deferred: bool) -> int:
        own_triggers = not self.replica and table.owned
        with self.conn.transaction():
            if own_triggers:
                self.run("triggers_off", table)
            if deferred:
                self.run("defer_indexes", table)
            rows = int(self.conn.execute(statement).rowcount)  # type: ignore[call-overload]
            if deferred:
                self.run("rebuild_indexes", table)
            bad = self.run("foreign_key_violations", table) if self.replica else []
            if bad:
                raise Unfillable(", ".join(f"{count} rows break foreign key {name}" for name, count in bad))
            if own_triggers:
                self.run("triggers_on", table)
        return rows

    def fill(self, table: Table, shaping: Shaping | None, tables: dict[int, Table]) -> int:
        if shaping is not None:
            if shaping.missing(table):
                self.number_keys(table, tables)
            try:
                rows = self.insert(table, shaped_insert(table, shaping, self.parents), shaping.deferred)
                self.report.shaped.append(table.qualified)
                return rows
            except (psycopg.Error, Unfillable) as error:
                self.report.problems.append(f"{table.qualified}: the domain shaping {shaping.path.name} does not "
                                            f"fit ({first_line(error)}); filled from the catalog instead")
        self.number_keys(table, tables)
        users = self.report.users if table.qualified == USERS_TABLE else None
        try:
            rows = self.insert(table, generic_select(table, self.parents, users), False)
        except (psycopg.Error, Unfillable) as error:
            self.report.problems.append(f"{table.qualified}: cannot be filled ({first_line(error)}); left empty")
            return 0
        if rows == 0:
            names = ", ".join(c.name for c in table.of_kind("c")) or "its domains' CHECKs"
            self.report.problems.append(f"{table.qualified}: no generated row satisfies its CHECK constraints "
                                        f"({names}); left empty")
        return rows


def generate(dsn: str, users: int, seed: int) -> DatasetReport:
    """Fill the freshly baselined database `dsn` with `users` users, deterministically by `seed`."""
    report = DatasetReport(users, seed)
    started = time.perf_counter()
    with connect(dsn, autocommit=False) as conn:
        conn.execute(template("parameters"), {"users": str(users), "seed": str(seed)})
        conn.execute((DATASET_DIR / "prologue.sql").read_text())
        conn.execute((DATASET_DIR / "plan.sql").read_text())
        loader = Loader(conn, report)
        known = shapings()
        tables = read_tables(conn)
        for table in fill_order(tables_to_fill(tables), {t: s.reads for t, s in known.items()}):
            began = time.perf_counter()
            rows = loader.fill(table, known.get(table.qualified), tables)
            report.rows[table.qualified] = rows
            report.timings[table.qualified] = time.perf_counter() - began
            loader.parents[table.oid] = Parent(rows, {})
        conn.execute((DATASET_DIR / "sequences.sql").read_text())
        conn.commit()
    with connect(dsn) as conn:
        conn.execute(template("analyze"))
    report.seconds = time.perf_counter() - started
    return report
