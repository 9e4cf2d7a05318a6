"""Reading a database as a given user, the way Supabase serves them, inside read-only transactions.

`SET LOCAL ROLE authenticated` plus the user's JWT claims make every policy apply exactly as for
that user's API requests. The transaction is read-only whatever the DSN says and always rolled
back, so this is safe on production.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import psycopg

from deploygates import resources
from deploygates.errors import GateFailure
from deploygates.migration.snapshot import fingerprint, read_catalog, table_columns
from deploygates.migration.statements import split_text
from deploygates.postgres.connections import connect

ACCESS_SQL = resources.SQL_DIR / "access"
PER_KIND = 3
NO_ACCESS = [-1, "no read access"]


@dataclass(frozen=True)
class SampledUser:
    id: str
    email: str
    kind: str  # practitioner | sponsor | admin | unlinked | anon (no account: the role anon, no claims of a user)

    def __str__(self) -> str:
        return "anon (signed out)" if self.kind == "anon" else f"{self.kind} {self.id}"

    @property
    def role(self) -> str:
        return "anon" if self.kind == "anon" else "authenticated"


ANON = SampledUser("anon", "", "anon")


def claims_for(user_id: str, email: str) -> str:
    """The JWT claims Supabase puts in request.jwt.claims for a signed-in user."""
    return json.dumps({"sub": user_id, "role": "authenticated", "email": email}, separators=(",", ":"))


def claims_of(user: SampledUser) -> str:
    if user.kind == "anon":
        return json.dumps({"role": "anon"}, separators=(",", ":"))
    return claims_for(user.id, user.email)


def sql(name: str) -> str:
    return (ACCESS_SQL / f"{name}.sql").read_text()


def sample_users(dsn: str, per_kind: int = PER_KIND) -> list[SampledUser]:
    with connect(dsn) as conn:
        rows = conn.execute(sql("sample"), {"per_kind": per_kind}).fetchall()
    return [SampledUser(user_id, email, kind) for kind, user_id, email in rows]


def pre_migration_columns(dsn: str, tables: list[str]) -> dict[str, list[str]]:
    """The columns each table has now (before the migration): later snapshots compare only these."""
    with connect(dsn) as conn:
        present = table_columns(read_catalog(conn))
    return {table: present[table] for table in tables if table in present}


@contextmanager
def impersonating(conn: psycopg.Connection, user: SampledUser) -> Iterator[psycopg.Connection]:
    conn.read_only = True  # BEGIN READ ONLY, whatever the DSN's defaults
    with conn.transaction(force_rollback=True):
        conn.execute(sql("as_user_read_only"), {"role": user.role, "claims": claims_of(user)})
        yield conn


def readable_rows(dsn: str, user: SampledUser, columns: dict[str, list[str]]) -> dict[str, list[object] | str]:
    """Per table: the number and the order-independent hash of the rows this user can read, or, where every
    read fails because of the table's policies (recursion, a missing function or column), that error in words."""
    seen: dict[str, list[object] | str] = {}
    with connect(dsn) as conn, impersonating(conn, user):
        for table, cols in columns.items():
            try:
                with conn.transaction():  # a savepoint: one unreadable table does not end the others
                    found = fingerprint(conn, table, cols)
                seen[table] = [found.rows, found.content]
            except psycopg.errors.InsufficientPrivilege:
                seen[table] = NO_ACCESS
            except psycopg.Error as error:  # a policy that cannot be evaluated (recursion, a missing function)
                seen[table] = policy_error(conn, table, user, error)
    return seen


def visible_rows(dsn: str, user: SampledUser, columns: dict[str, list[str]]) -> dict[str, list[object]]:
    """Per table: the number and the order-independent hash of the rows this user can read; a table whose
    policies cannot be evaluated fails the gate, naming the table and its policies."""
    seen = readable_rows(dsn, user, columns)
    for found in seen.values():
        if isinstance(found, str):
            raise GateFailure(found)
    return {table: found for table, found in seen.items() if not isinstance(found, str)}


def policy_error(conn: psycopg.Connection, table: str, user: SampledUser, error: psycopg.Error) -> str:
    """`table` unreadable for `user` because of its policies: PostgreSQL's words and the policies it has."""
    schema, name = table.split(".", 1)
    with conn.transaction(force_rollback=True):  # the impersonation stands again afterwards
        conn.execute("RESET ROLE")
        names = [row[0] for row in conn.execute(sql("table_policies"), {"schema": schema, "table": name}).fetchall()]
    listed = ", ".join(f'"{policy}"' for policy in names) or "none"
    return (f"{table}: every read as {user} fails: {' '.join(str(error).split())} (policies on {table}: {listed}); "
            "fix the policy it names")


def visible_ids(dsn: str, user: SampledUser, query: str) -> set[str]:
    with connect(dsn) as conn, impersonating(conn, user):
        try:
            with conn.transaction():
                return {row[0] for row in conn.execute(sql(query)).fetchall()}
        except psycopg.errors.InsufficientPrivilege:
            raise
        except psycopg.Error as error:
            read = split_text(sql(query), query)[0].tables  # the table the query reads, named by the parser
            raise GateFailure(policy_error(conn, read[0] if read else query, user, error)) from None


def allowed_ids(dsn: str, user: SampledUser, query: str) -> set[str]:
    """Read as the gate's own role (no impersonation), inside a read-only transaction too."""
    with connect(dsn) as conn:
        conn.read_only = True
        with conn.transaction(force_rollback=True):
            return {row[0] for row in conn.execute(sql(query), {"user": user.id}).fetchall()}


def capture_access(dsn: str, tables: list[str], per_kind: int = PER_KIND) -> dict[str, object]:
    """The baseline: the sampled users, the tables' columns, and what each user sees of each table."""
    users = sample_users(dsn, per_kind)
    columns = pre_migration_columns(dsn, tables)
    return {
        "users": [{"id": u.id, "email": u.email, "kind": u.kind} for u in users],
        "columns": columns,
        "visible": {u.id: visible_rows(dsn, u, columns) for u in users},
    }
