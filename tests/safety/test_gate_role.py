"""The start-up check of the gates' database role, against a real server with roles made for each case."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict

from deploygates.errors import Unmeasured
from deploygates.postgres import Server, start_server
from deploygates.processes import free_port
from deploygates.safety.role import RoleRefused, check_role

ROLES = {
    "reader": ["GRANT pg_read_all_data TO {role}"],
    "superuser": ["ALTER ROLE {role} SUPERUSER"],
    "program": ["GRANT pg_execute_server_program TO {role}"],
    "files": ["GRANT pg_write_server_files TO {role}"],
    "reload": ["GRANT EXECUTE ON FUNCTION pg_reload_conf() TO {role}"],
    "inserter": ["CREATE TABLE IF NOT EXISTS public.kept (x int)", "GRANT INSERT ON public.kept TO {role}"],
    "creator": ["GRANT CREATE ON SCHEMA public TO {role}"],
    "owner": ["CREATE TABLE IF NOT EXISTS public.owned (x int)", "ALTER TABLE public.owned OWNER TO {role}"],
}


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    running = start_server()
    yield running
    running.stop()


def role_dsn(server: Server, kind: str) -> str:
    role = f"gate_{kind}"
    with psycopg.connect(server.admin_dsn, autocommit=True) as conn:
        conn.execute(f"DROP OWNED BY {role}" if conn.execute(
            "SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone() else "SELECT 1")
        conn.execute(f"DROP ROLE IF EXISTS {role}")
        conn.execute(f"CREATE ROLE {role} LOGIN")
        for statement in ROLES[kind]:
            conn.execute(statement.format(role=role))
    parts = conninfo_to_dict(server.admin_dsn)
    return f"postgresql://{role}@{parts['host']}:{parts['port']}/{parts.get('dbname', 'postgres')}"


def test_read_only_role_is_accepted(server: Server) -> None:
    """A role that only reads passes the check with nothing to tolerate."""
    assert check_role(role_dsn(server, "reader"), "production", False) == []


@pytest.mark.parametrize("kind", ["superuser", "program", "files", "reload"])
def test_role_beyond_transactions_is_refused_whatever_the_option(server: Server, kind: str) -> None:
    """A role that can act beyond any transaction is refused even with --allow-writable-role."""
    with pytest.raises(RoleRefused, match="beyond any transaction"):
        check_role(role_dsn(server, kind), "production", True)


@pytest.mark.parametrize("kind", ["inserter", "creator", "owner"])
def test_writing_role_is_refused_by_default(server: Server, kind: str) -> None:
    """A role that can write inside a transaction is refused unless the operator allows it."""
    with pytest.raises(RoleRefused, match="--allow-writable-role"):
        check_role(role_dsn(server, kind), "production", False)


@pytest.mark.parametrize("kind", ["inserter", "creator", "owner"])
def test_writing_role_is_tolerated_with_the_option(server: Server, kind: str) -> None:
    """With --allow-writable-role the check names what it tolerates instead of refusing."""
    assert len(check_role(role_dsn(server, kind), "production", True)) > 0


def test_unreachable_target_is_unmeasured() -> None:
    """A target nobody answers at is INCONCLUSIVE naming host and port, not a refusal or a traceback."""
    port = free_port()
    with pytest.raises(Unmeasured, match=f"cannot connect to 127.0.0.1:{port}"):
        check_role(f"postgresql://gate:pw@127.0.0.1:{port}/app", "production", False)
