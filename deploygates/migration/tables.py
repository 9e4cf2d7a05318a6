"""The tables a baseline creates, read from its SQL with PostgreSQL's own parser (pglast), a pg_dump
archive through pg_restore, at collection time, without a database."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from deploygates.migration.baseline import brings_auth_users, read_script
from deploygates.migration.files import SqlSources
from deploygates.migration.script import Script, created_tables
from deploygates.migration.snapshot import DATA_SCHEMAS

PRELUDE_TABLES = ("auth.users",)  # what the Supabase prelude creates when the baseline does not


def without_meta_commands(text: str) -> str:
    """psql backslash commands (\\set, \\connect, \\restrict in pg_dump output) are not SQL."""
    return "\n".join("" if line.lstrip().startswith("\\") else line for line in text.splitlines())


def tables_in_sql(text: str) -> list[str]:
    return created_tables(Script("", text))


@cache
def _tables(files: tuple[Path, ...]) -> tuple[str, ...]:
    names = [t for file in files for t in created_tables(read_script(file))]
    if not brings_auth_users(files):
        names += PRELUDE_TABLES
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
