"""The gates' database role on a real target, checked before any gate reads it: a role that can act beyond
any transaction (superuser, server files and programs, signals, replication) is refused whatever the
options, because neither the screen nor the read-only transaction would hold it; a role that can write
only inside transactions (table privileges, CREATE, ownership) is refused unless the operator passes
--allow-writable-role, and then the read-only transaction and the screen alone hold it.
"""

from __future__ import annotations

from dataclasses import dataclass

import psycopg

from deploygates import resources
from deploygates.errors import GateFailure, Unmeasured
from deploygates.postgres.connections import read_only_dsn
from deploygates.secrets import redact
from deploygates.target import describe_dsn

WRITE_PATHS_SQL = resources.SQL_DIR / "safety" / "gate_role_write_paths.sql"
SHOWN = 4


class RoleRefused(GateFailure):
    """The gates' role could write to the target; the message names how and what to do."""


@dataclass(frozen=True)
class WritePath:
    path: str
    detail: str
    beyond_transactions: bool

    def __str__(self) -> str:
        return f"{self.path} ({self.detail})"


def write_paths(dsn: str) -> tuple[str, list[WritePath]]:
    """The role the DSN connects as, and every way it could write; Unmeasured when it cannot connect."""
    try:
        with psycopg.connect(read_only_dsn(dsn), autocommit=True, connect_timeout=10) as conn:
            role = str(conn.execute("SELECT current_user").fetchone()[0])  # type: ignore[index]
            rows = conn.execute(WRITE_PATHS_SQL.read_text()).fetchall()
    except psycopg.OperationalError as error:
        raise Unmeasured(f"cannot connect to {describe_dsn(dsn)}: {redact(str(error).strip())}") from None
    return role, [WritePath(str(path), str(detail), bool(beyond)) for path, detail, beyond in rows]


def listed(paths: list[WritePath]) -> str:
    more = f" and {len(paths) - SHOWN} more" if len(paths) > SHOWN else ""
    return "; ".join(str(p) for p in paths[:SHOWN]) + more


def refusal(dsn: str, target: str, allow_writable: bool) -> str | None:
    """At start-up: why the role is refused, or None (also when the target cannot be reached: the gates
    that need it report that)."""
    try:
        check_role(dsn, target, allow_writable)
    except RoleRefused as refused:
        return str(refused)
    except Unmeasured:
        return None
    return None


def check_role(dsn: str, target: str, allow_writable: bool) -> list[WritePath]:
    """The write paths tolerated (with --allow-writable-role); RoleRefused when the role may not be used."""
    role, paths = write_paths(dsn)
    beyond = [p for p in paths if p.beyond_transactions]
    if beyond:
        raise RoleRefused(
            f"{target}: the gates' database role {role!r} can act beyond any transaction: {listed(beyond)}. "
            "The gates refuse it whatever the options; give them a read-only role (docs/safety.md)")
    if paths and not allow_writable:
        raise RoleRefused(
            f"{target}: the gates' database role {role!r} can write: {listed(paths)}. Give the gates a "
            "read-only role (docs/safety.md), or pass --allow-writable-role to rely on the read-only "
            "transaction and the statement screen alone")
    return paths
