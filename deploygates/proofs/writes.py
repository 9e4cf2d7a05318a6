"""The application's write paths, tried as each sampled user inside transactions that roll back: a copy of a
row of theirs inserted, the row updated in place, the row deleted. Only ever on a scratch clone of the
rehearsal (never on a target): the writes are undone, but identity sequences advance.

The row a user updates and deletes is the first (in key order) they can read that points at them by a user
column (a foreign key to auth.users or to profiles), else the first they can read, else the table's first row:
the same rule picks the same row before and after the migration. What they insert is a copy of that row of
theirs, or, with none, of the table's first row made theirs by its first user column (their own journal entry,
their progress). The copy takes the row's values, except the key and unique columns that have a default
(identity, serial, gen_random_uuid()), which take it; a copy of an existing row of theirs is deleted first, as
the gate's own role and without triggers, so that the copy collides with nothing it did not collide with before.
Each outcome is "ok N" (rows affected) or the SQLSTATE PostgreSQL answered, with its words for the report.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql

from deploygates import resources
from deploygates.access.impersonation import SampledUser, claims_of
from deploygates.postgres.connections import connect

OPERATIONS = ("insert", "update", "delete")
PROOFS_SQL = resources.SQL_DIR / "proofs"
AS_USER = (resources.SQL_DIR / "access" / "as_user.sql").read_text()
STATEMENT_TIMEOUT = "10s"  # one write of one row: a lock wait or a runaway trigger is a finding, not a hang
Outcome = list[str]  # [code, words]: code "ok 1", "ok 0" or a SQLSTATE


@dataclass(frozen=True)
class WriteTarget:
    table: str
    key: list[str]
    copied: list[str]
    types: list[str]
    updatable: list[str]
    user_columns: list[str]
    collides: bool  # a copy of a row would collide with it on a unique key (the row is cleared first)


def write_targets(conn: psycopg.Connection, tables: list[str]) -> list[WriteTarget]:
    rows = conn.execute((PROOFS_SQL / "write_targets.sql").read_text(), {"tables": tables}).fetchall()
    return [WriteTarget(*row) for row in rows]


def ident(table: str) -> sql.Identifier:
    return sql.Identifier(*table.split(".", 1))


def names(columns: list[str]) -> sql.Composed:
    return sql.SQL(", ").join(sql.Identifier(c) for c in columns)


@contextmanager
def rolled_back(conn: psycopg.Connection) -> Iterator[psycopg.Connection]:
    with conn.transaction(force_rollback=True):
        yield conn


def act_as(conn: psycopg.Connection, user: SampledUser) -> None:
    conn.execute(AS_USER, {"role": user.role, "claims": claims_of(user), "timeout": STATEMENT_TIMEOUT})


NO_FILTER = sql.SQL("")


def first_row(target: WriteTarget, where: sql.Composable = NO_FILTER, pick: int = 0) -> sql.Composed:
    # OFFSET 0 keeps the filter (and the policies) first: ordered by the key alone, the planner would walk the
    # whole key index for a user who reads few rows.
    key = names(target.key)
    return sql.SQL("(SELECT {pick} AS pick, {key} FROM (SELECT {key} FROM {table} {where} OFFSET 0) r "
                   "ORDER BY {key} LIMIT 1)").format(pick=sql.Literal(pick), key=key, table=ident(target.table),
                                                     where=where)


def picked(conn: psycopg.Connection, user: SampledUser, target: WriteTarget) -> tuple[int, tuple[Any, ...]] | None:
    """As the user: the first row that points at them by a user column (pick < number of user columns), else
    the first row they can read (pick = number of user columns); None when they read none."""
    columns = target.user_columns if user.kind != "anon" else []
    picks = [first_row(target, sql.SQL("WHERE {} = {}").format(sql.Identifier(column), sql.Literal(user.id)), n)
             for n, column in enumerate(columns)]
    picks.append(first_row(target, pick=len(columns)))
    query = sql.SQL("SELECT * FROM ({}) picks ORDER BY pick LIMIT 1").format(sql.SQL(" UNION ALL ").join(picks))
    try:
        with rolled_back(conn):
            act_as(conn, user)
            row = conn.execute(query).fetchone()
    except psycopg.Error:
        return None  # the user may not read the table at all (no grant, a failing policy)
    return (int(row[0]), tuple(row[1:])) if row is not None else None


def where_key(target: WriteTarget, key: tuple[Any, ...]) -> sql.Composed:
    return sql.SQL(" AND ").join(sql.SQL("{} = {}").format(sql.Identifier(c), sql.Literal(v))
                                 for c, v in zip(target.key, key, strict=True))


def attempt(conn: psycopg.Connection, user: SampledUser, statement: sql.Composed, before: sql.Composed | None,
            params: list[Any] | None = None) -> Outcome:
    """`statement` as `user` in a transaction that rolls back (after `before`, as the gate's own role)."""
    try:
        with rolled_back(conn):
            if before is not None:
                try:  # without triggers, so without cascades: only the row's unique values are to be freed
                    with conn.transaction():
                        conn.execute("SET LOCAL session_replication_role = replica")
                        conn.execute(before)
                        conn.execute("SET LOCAL session_replication_role = origin")
                except psycopg.Error:
                    pass  # the row cannot be cleared (not a superuser): the copy meets it as it is
            act_as(conn, user)
            cursor = conn.execute(statement, params)
            return [f"ok {cursor.rowcount}", f"{cursor.rowcount} row{'s' if cursor.rowcount != 1 else ''}"]
    except psycopg.Error as error:
        return [error.sqlstate or type(error).__name__, " ".join(str(error).split())]


def outcomes(conn: psycopg.Connection, user: SampledUser, target: WriteTarget) -> dict[str, Outcome]:
    if not target.key:
        return {op: ["no key", "not tried: the table has no primary key or unique key of NOT NULL columns"]
                for op in OPERATIONS}
    first = conn.execute(first_row(target)).fetchone()
    if first is None:
        return {op: ["empty", "not tried: the table has no row"] for op in OPERATIONS}
    found, anyone = picked(conn, user, target), tuple(first[1:])
    own = found is not None and found[0] < len(target.user_columns)
    key = found[1] if found else anyone
    # A new row of theirs: their own row copied; else anyone's row made theirs by its first user column.
    as_theirs = not own and bool(target.user_columns) and user.kind != "anon"
    source = anyone if as_theirs else key
    table = ident(target.table)
    values = list(conn.execute(sql.SQL("SELECT {} FROM {} WHERE {}").format(
        sql.SQL(", ").join(sql.SQL("{}::text").format(sql.Identifier(c)) for c in target.copied), table,
        where_key(target, source))).fetchone() or ()) if target.copied else []
    if as_theirs and target.user_columns[0] in target.copied:
        values[target.copied.index(target.user_columns[0])] = user.id
    insert = sql.SQL("INSERT INTO {} ({}) VALUES ({})").format(table, names(target.copied), sql.SQL(", ").join(
        sql.SQL("%s::{}").format(sql.SQL(kind)) for kind in target.types)) if target.copied else \
        sql.SQL("INSERT INTO {} DEFAULT VALUES").format(table)
    where = where_key(target, key)
    update = sql.SQL("UPDATE {} SET {} WHERE {}").format(table, sql.SQL(", ").join(
        sql.SQL("{0} = {0}").format(sql.Identifier(c)) for c in target.updatable or target.key), where)
    clear = sql.SQL("DELETE FROM {} WHERE {}").format(table, where) if target.collides and not as_theirs else None
    return {
        "insert": attempt(conn, user, insert, clear, values),
        "update": attempt(conn, user, update, None),
        "delete": attempt(conn, user, sql.SQL("DELETE FROM {} WHERE {}").format(table, where), None),
    }


def one_of_each_kind(users: list[SampledUser]) -> list[SampledUser]:
    """The first sampled user of each kind: the write paths differ by kind (what the policies let a practitioner,
    a coach, an admin or anon write), and each user costs a few hundred statements."""
    return list({user.kind: user for user in reversed(users)}.values())[::-1]


def write_outcomes(dsn: str, users: list[SampledUser], tables: list[str]) -> dict[str, dict[str, dict[str, Outcome]]]:
    """Per user (by id), per table, per operation: what PostgreSQL answered (see the module's docstring)."""
    found: dict[str, dict[str, dict[str, Outcome]]] = {}
    with connect(dsn) as conn:
        targets = write_targets(conn, tables)
        for user in one_of_each_kind(users):
            found[user.id] = {target.table: outcomes(conn, user, target) for target in targets}
    return found
