"""plpgsql_check on every PL/pgSQL function the migration adds or changes (a new identity, or a new body,
signature, security or settings against the pre-migration catalog), trigger functions as called by each of
their tables' triggers. Run in a transaction that rolls back, so the extension leaves nothing behind."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import psycopg

from deploygates import resources
from deploygates.postgres.connections import connect
from deploygates.proofs.extensions import missing

FUNCTIONS = (resources.SQL_DIR / "proofs" / "plpgsql_functions.sql").read_text()
CHECK = (resources.SQL_DIR / "proofs" / "plpgsql_check.sql").read_text()


@dataclass(frozen=True)
class Checked:
    functions: list[str] = field(default_factory=list)  # the identities checked
    errors: list[str] = field(default_factory=list)  # one line per error: function, line, message
    problem: str = ""  # why nothing could be checked (the extension is missing)


def error_line(identity: str, table: str, row: tuple[object, ...]) -> str:
    lineno, statement, sqlstate, message, detail, hint = row
    where = f" (as the trigger on {table})" if table else ""
    extra = "".join(f"; {part}" for part in (detail, hint) if part)
    return f"{identity}{where} line {lineno} ({statement}): {message} [{sqlstate}]{extra}"


def check_changed(dsn: str, before: dict[str, str]) -> Checked:
    """plpgsql_check's errors in the PL/pgSQL functions whose catalog entry differs from `before`
    (identity → definition of the pre-migration catalog's functions)."""
    with connect(dsn) as conn:
        problem = missing(conn, "plpgsql_check")
        if problem:
            return Checked(problem=problem)
        checked, errors = [], []
        with conn.transaction(force_rollback=True):
            conn.execute("CREATE EXTENSION IF NOT EXISTS plpgsql_check")
            for oid, identity, definition, is_trigger, tables in conn.execute(FUNCTIONS).fetchall():
                if before.get(identity) == definition or (is_trigger and not tables):
                    continue  # unchanged; or a trigger function no trigger calls yet (nothing to check it as)
                checked.append(identity)
                calls: list[dict[str, Any]] = tables if is_trigger else [{"relid": 0, "old": None, "new": None}]
                for table in calls:
                    errors += [error_line(identity, name_of(conn, int(table["relid"])), row)
                               for row in conn.execute(CHECK, {"oid": oid, **table}).fetchall()]
        return Checked(checked, errors)


def name_of(conn: psycopg.Connection, relid: int) -> str:
    row = conn.execute("SELECT %s::oid::regclass::text", (relid,)).fetchone() if relid else None
    return str(row[0]) if row else ""
