"""Snapshots of a database: its schema catalog and a fingerprint of every table's rows.

A catalog maps each kind (a file in sql/catalog/) to {identity: definition}. A fingerprint is a
row count and an order-independent sum of row hashes, computed over the columns a table had in
the baseline, so that new columns added by the migration do not count as changed data.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

from deploygates import resources

Catalog = dict[str, dict[str, str]]
FINGERPRINT_DIR = resources.SQL_DIR / "fingerprint"
DATA_SCHEMAS = ("public", "auth")


@dataclass(frozen=True)
class Fingerprint:
    rows: int
    content: str


@dataclass(frozen=True)
class Snapshot:
    catalog: Catalog
    tables: dict[str, Fingerprint]


def catalog_queries(directory: Path = resources.CATALOG_DIR) -> dict[str, str]:
    return {path.stem: path.read_text() for path in sorted(directory.glob("*.sql"))}


def read_catalog(conn: psycopg.Connection) -> Catalog:
    return {
        kind: {str(identity): str(definition) for identity, definition in conn.execute(query).fetchall()}
        for kind, query in catalog_queries().items()
    }


def table_columns(catalog: Catalog, schemas: tuple[str, ...] = DATA_SCHEMAS) -> dict[str, list[str]]:
    """Every base table in `schemas` with its columns in position order."""
    tables = [
        name for name, definition in catalog["relations"].items()
        if definition.startswith(("kind=r", "kind=p")) and name.split(".", 1)[0] in schemas
    ]
    columns: dict[str, list[str]] = {}
    for table in sorted(tables):
        entries = [
            (int(definition.split()[0].removeprefix("position=")), identity[len(table) + 1:])
            for identity, definition in catalog["columns"].items()
            if identity.startswith(table + ".") and "." not in identity[len(table) + 1:]
        ]
        columns[table] = [name for _, name in sorted(entries)]
    return columns


def _compose(template_name: str, table: str, columns: list[str]) -> sql.Composed:
    schema, name = table.split(".", 1)
    template = (FINGERPRINT_DIR / template_name).read_text()
    body = "\n".join(line for line in template.splitlines() if not line.startswith("--"))
    return sql.SQL(body).format(
        table=sql.Identifier(schema, name),
        columns=sql.SQL(", ").join(sql.Identifier(c) for c in columns),
    )


def fingerprint(conn: psycopg.Connection, table: str, columns: list[str]) -> Fingerprint:
    try:
        with conn.transaction():  # a savepoint when the caller holds a transaction open
            row = conn.execute(_compose("table.sql", table, columns)).fetchone()
    except psycopg.errors.UndefinedFunction:  # a column type without a hash function
        row = conn.execute(_compose("table_text.sql", table, columns)).fetchone()
    assert row is not None
    return Fingerprint(int(row[0]), str(row[1]))


def take_snapshot(conn: psycopg.Connection, columns: dict[str, list[str]] | None = None) -> Snapshot:
    """Catalog plus fingerprints; `columns` fixes the baseline's column lists for later snapshots."""
    catalog = read_catalog(conn)
    columns = columns if columns is not None else table_columns(catalog)
    present = table_columns(catalog)
    tables = {
        table: fingerprint(conn, table, cols) if table in present else Fingerprint(-1, "table missing")
        for table, cols in columns.items()
    }
    return Snapshot(catalog, tables)


def diff_catalog(before: Catalog, after: Catalog) -> list[str]:
    """Lines `- kind identity` (gone), `+ kind identity` (new), `~ kind identity: old -> new`."""
    lines: list[str] = []
    for kind in sorted(set(before) | set(after)):
        old, new = before.get(kind, {}), after.get(kind, {})
        lines += [f"- {kind} {key}: {old[key]}" for key in sorted(old.keys() - new.keys())]
        lines += [f"+ {kind} {key}: {new[key]}" for key in sorted(new.keys() - old.keys())]
        lines += [
            f"~ {kind} {key}: {old[key]}  ->  {new[key]}"
            for key in sorted(old.keys() & new.keys()) if old[key] != new[key]
        ]
    return lines


def differing_rows(
    before: psycopg.Connection, after: psycopg.Connection, table: str, columns: list[str], limit: int = 10
) -> list[str]:
    """Rows only in `before` (`- `) or only in `after` (`+ `), narrowed through hash buckets."""
    buckets_before: dict[str, str] = dict(before.execute(_compose("buckets.sql", table, columns)).fetchall())
    buckets_after: dict[str, str] = dict(after.execute(_compose("buckets.sql", table, columns)).fetchall())
    changed = sorted(b for b in buckets_before.keys() | buckets_after.keys()
                     if buckets_before.get(b) != buckets_after.get(b))
    query = _compose("differing_rows.sql", table, columns)
    old = {r[0] for r in before.execute(query, {"buckets": changed}).fetchall()}
    new = {r[0] for r in after.execute(query, {"buckets": changed}).fetchall()}
    lines = [f"- {row}" for row in sorted(old - new)] + [f"+ {row}" for row in sorted(new - old)]
    return lines[:limit] + ([f"… {len(lines) - limit} more"] if len(lines) > limit else [])
