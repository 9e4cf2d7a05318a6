"""The schema the generator fills, read from PostgreSQL's catalog: tables, columns with their types and
kinds, keys, foreign keys and CHECK constraints (deploygates/sql/dataset/catalog/)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import psycopg
from psycopg.rows import dict_row

from deploygates import resources

CATALOG_SQL = resources.DATASET_DIR / "catalog"
FILLED_SCHEMAS = ("public",)
ALWAYS_FILLED = ("auth.users",)


@dataclass(frozen=True)
class Column:
    name: str
    position: int
    type: str  # as format_type writes it, e.g. "character varying(255)", "public.relationship_status"
    base_type: str  # pg_type.typname of the type (of the domain's base type)
    category: str  # pg_type.typcategory: S string, N numeric, B boolean, D date/time, E enum, A array, U, …
    is_domain: bool
    element_type: str | None
    element_category: str | None
    labels: tuple[str, ...] | None  # an enum's (or an enum array's) labels in order
    max_length: int | None
    numeric_precision: int | None
    numeric_scale: int | None
    not_null: bool
    has_default: bool
    default_expression: str | None
    identity: str  # "" | "a" (ALWAYS) | "d" (BY DEFAULT)
    generated: str  # "" | "s" (stored generated column)
    domain_checks: tuple[str, ...] = ()  # the CHECKs of the column's domain, VALUE standing for the column

    @property
    def serial(self) -> bool:
        return bool(self.default_expression and self.default_expression.startswith("nextval("))


@dataclass(frozen=True)
class Constraint:
    name: str
    kind: str  # p primary key, u unique, f foreign key, c check
    columns: tuple[str, ...]
    ref_table: int | None = None
    ref_columns: tuple[str, ...] = ()
    definition: str | None = None


@dataclass
class Table:
    oid: int
    schema: str
    name: str
    partitioned: bool
    owned: bool
    columns: list[Column] = field(default_factory=list)
    constraints: list[Constraint] = field(default_factory=list)

    @property
    def qualified(self) -> str:
        return f"{self.schema}.{self.name}"

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)

    def of_kind(self, kind: str) -> list[Constraint]:
        return [c for c in self.constraints if c.kind == kind]

    def checks(self) -> list[str]:
        """Every CHECK a row must pass: the table's, and its columns' domains' (VALUE read as the column)."""
        found = [c.definition for c in self.of_kind("c") if c.definition]
        for column in self.columns:
            quoted = '"' + column.name.replace('"', '""') + '"'
            found += [re.sub(r"\bVALUE\b", quoted, check) for check in column.domain_checks]
        return found

    @property
    def uniques(self) -> list[Constraint]:
        """Primary key first, then unique constraints and unique indexes."""
        return self.of_kind("p") + self.of_kind("u")


def _query(name: str) -> str:
    return (CATALOG_SQL / f"{name}.sql").read_text()


def read_tables(conn: psycopg.Connection) -> dict[int, Table]:
    """Every candidate table with its columns and constraints, by oid."""
    with conn.cursor(row_factory=dict_row) as cursor:
        tables = {int(row["oid"]): Table(**row) for row in cursor.execute(_query("tables"))}
        oids = list(tables)
        for row in cursor.execute(_query("columns"), {"tables": oids}):
            table = tables[int(row.pop("table_oid"))]
            row["labels"] = tuple(row["labels"]) if row["labels"] is not None else None
            row["domain_checks"] = tuple(row["domain_checks"] or ())
            table.columns.append(Column(**row))
        for row in cursor.execute(_query("constraints"), {"tables": oids}):
            table = tables[int(row.pop("table_oid"))]
            ref = row.pop("ref_table_oid")
            table.constraints.append(Constraint(
                row["name"], row["kind"], tuple(row["columns"] or ()), int(ref) if ref else None,
                tuple(row["ref_columns"] or ()), row["definition"]))
    return tables


def tables_to_fill(tables: dict[int, Table]) -> list[Table]:
    """The public tables, auth.users, and every table they reference (transitively)."""
    wanted = {oid for oid, t in tables.items() if t.schema in FILLED_SCHEMAS or t.qualified in ALWAYS_FILLED}
    frontier = list(wanted)
    while frontier:
        for fk in tables[frontier.pop()].of_kind("f"):
            if fk.ref_table in tables and fk.ref_table not in wanted:
                wanted.add(fk.ref_table)
                frontier.append(fk.ref_table)
    return [tables[oid] for oid in sorted(wanted, key=lambda o: tables[o].qualified)]


def fill_order(tables: list[Table], reads: dict[str, tuple[str, ...]] | None = None) -> list[Table]:
    """Parents before children (foreign keys; a self-reference or a cycle is broken where the key is
    nullable, which the generator then leaves NULL), and after the tables a table's shaping `reads`."""
    by_oid = {t.oid: t for t in tables}
    by_name = {t.qualified: t.oid for t in tables}
    done: list[Table] = []
    placed: set[int] = set()
    pending = list(tables)
    while pending:
        ready = [t for t in pending if all(
            fk.ref_table in placed or fk.ref_table == t.oid or fk.ref_table not in by_oid
            for fk in t.of_kind("f") if _required(t, fk)) and all(
            by_name[name] in placed for name in (reads or {}).get(t.qualified, ()) if name in by_name)]
        if not ready:  # a cycle through NOT NULL keys: take the table that waits on the fewest
            ready = [min(pending, key=lambda t: sum(fk.ref_table not in placed for fk in t.of_kind("f")))]
        ready = [t for t in ready if all(fk.ref_table in placed or fk.ref_table == t.oid
                                         or fk.ref_table not in by_oid for fk in t.of_kind("f"))] or ready
        table = ready[0]
        done.append(table)
        placed.add(table.oid)
        pending.remove(table)
    return done


def _required(table: Table, fk: Constraint) -> bool:
    return any((column := table.column(name)) is not None and column.not_null for name in fk.columns)

