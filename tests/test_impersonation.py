"""Impersonation acts as the user, read-only, and leaves the session as it found it (safe on production)."""

from collections.abc import Iterator

import pytest

from deploygates import resources
from deploygates.access.impersonation import SampledUser, impersonating, sql
from deploygates.postgres import start_server
from deploygates.postgres.connections import connect, create_database, drop_database, scratch_name
from deploygates.postgres.psql import run_file

USER = SampledUser("00000000-0000-0000-0000-000000000001", "someone@example.org", "practitioner")


@pytest.fixture(scope="module")
def writable_dsn() -> Iterator[str]:
    """A database with Supabase's roles and auth helpers, reached WITHOUT read-only session defaults."""
    server = start_server()
    name = scratch_name("impersonation")
    dsn = create_database(server.admin_dsn, name)
    for prelude in ("roles.sql", "supabase_auth.sql"):
        run = run_file(server.client_bindir, dsn, resources.PRELUDE_DIR / prelude)
        assert run.ok, run.summary()
    yield dsn
    drop_database(server.admin_dsn, name)
    server.stop()


def test_impersonation_runs_as_the_user_in_a_read_only_transaction(writable_dsn: str) -> None:
    with connect(writable_dsn) as conn, impersonating(conn, USER):
        assert conn.execute(sql("whoami")).fetchone() == ("authenticated", USER.id, "on")


def test_impersonation_leaves_the_session_as_it_was(writable_dsn: str) -> None:
    with connect(writable_dsn) as conn:
        with impersonating(conn, USER):
            pass
        role, uid, _ = conn.execute(sql("whoami")).fetchone() or (None, None, None)
    assert (role != "authenticated", uid) == (True, None)
