"""The tables a baseline creates, read from its SQL with PostgreSQL's own parser (pglast), or
from a pg_dump archive's table of contents, at collection time, without a database."""

from __future__ import annotations

import subprocess
from functools import cache
from pathlib import Path

import pglast
from pglast import ast

from deploygates.migration.files import SqlSources
from deploygates.migration.snapshot import DATA_SCHEMAS
from deploygates.postgres.psql import client_tool, is_custom_dump


def without_meta_commands(text: str) -> str:
    """psql backslash commands (\\set, \\connect, \\restrict in pg_dump output) are not SQL."""
    return "\n".join("" if line.lstrip().startswith("\\") else line for line in text.splitlines())


def tables_in_sql(text: str) -> list[str]:
    found = []
    for raw in pglast.parse_sql(without_meta_commands(text)):
        statement = raw.stmt
        relation = statement.relation if isinstance(statement, ast.CreateStmt) else None
        if relation is not None and relation.relpersistence != "t":
            found.append(f"{relation.schemaname or 'public'}.{relation.relname}")
    return found


def tables_in_archive(path: Path) -> list[str]:
    listing = subprocess.run(
        [str(client_tool(None, "pg_restore")), "--list", str(path)], capture_output=True, text=True, check=True
    ).stdout
    # Entries read "215; 1259 16386 TABLE public journal_entries owner".
    rows = (line.split() for line in listing.splitlines() if not line.startswith(";"))
    return [f"{fields[4]}.{fields[5]}" for fields in rows if len(fields) > 5 and fields[3] == "TABLE"]


@cache
def _tables(files: tuple[Path, ...]) -> tuple[str, ...]:
    names: list[str] = []
    for file in files:
        names += tables_in_archive(file) if is_custom_dump(file) else tables_in_sql(file.read_text())
    return tuple(sorted({n for n in names if n.split(".", 1)[0] in DATA_SCHEMAS}))


def baseline_tables(sources: SqlSources) -> list[str]:
    return list(_tables(sources.baseline))


@cache
def tables_created_by(files: tuple[Path, ...]) -> tuple[str, ...]:
    """schema.table of every table the migration scripts create, read with PostgreSQL's parser."""
    found = (tables_in_sql(f.read_text()) for f in files if f.suffix == ".sql")
    return tuple(sorted({table for tables in found for table in tables}))


def migrated_tables(sources: SqlSources) -> list[str]:
    """Names of the public tables after the migration: the baseline's and those the scripts create."""
    tables = {*baseline_tables(sources), *tables_created_by(sources.migrations)}
    return sorted(t.removeprefix("public.") for t in tables if t.startswith("public."))
