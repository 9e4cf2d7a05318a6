"""Baselines as teams have them load on a scratch server: pg_dump's newer meta-commands and settings,
`CREATE SCHEMA public`, roles the cluster lacks, extensions it cannot install, a `supabase db dump`; and
what cannot load is one line naming the file, the line and the statement."""

from collections.abc import Callable
from pathlib import Path

import pytest

from deploygates.migration.baseline import BaselineError, check_readable, load_baseline
from deploygates.postgres import Server
from deploygates.postgres.connections import connect

SAMPLES = Path(__file__).parent / "samples"
Fresh = Callable[[], str]


def write(tmp_path: Path, text: str, name: str = "baseline.sql") -> Path:
    (tmp_path / name).write_text(text)
    return tmp_path / name


def one(dsn: str, query: str) -> object:
    with connect(dsn) as conn:
        row = conn.execute(query).fetchone()
    return row[0] if row else None


def test_a_supabase_db_dump_loads(server: Server, fresh: Fresh) -> None:
    """A `supabase db dump` loads: Supabase-only extensions skipped, auth and roles from the prelude."""
    dsn = fresh()
    load_baseline(server.client_bindir, dsn, (SAMPLES / "supabase_db_dump.sql",))
    assert one(dsn, "SELECT count(*) FROM pg_policies WHERE tablename = 'profiles'") == 1


def test_skipped_extensions_are_noted(server: Server, fresh: Fresh) -> None:
    """Each extension the scratch server cannot install is skipped with a note naming it."""
    loaded = load_baseline(server.client_bindir, fresh(), (SAMPLES / "supabase_db_dump.sql",))
    skipped = sorted(note.split("extension ")[1].split()[0] for note in loaded.notes if "extension" in note)
    assert skipped == ["pg_graphql", "pgjwt", "pgsodium", "supabase_vault"]


def test_newer_pg_dump_output_loads(server: Server, fresh: Fresh, tmp_path: Path) -> None:
    """pg_dump 17.6+'s \\restrict lines, 17's transaction_timeout and CREATE SCHEMA public load."""
    dump = write(tmp_path, "\\restrict abc\nSET transaction_timeout = 0;\nCREATE SCHEMA public;\n"
                           "CREATE TABLE public.t (id int);\n\\unrestrict abc\n")
    dsn = fresh()
    load_baseline(server.client_bindir, dsn, (dump,))
    assert one(dsn, "SELECT to_regclass('public.t')::text") == "t"


def test_roles_the_cluster_lacks_are_created(server: Server, fresh: Fresh, tmp_path: Path) -> None:
    """A role named by OWNER TO, GRANT or FOR ROLE is created before the dump loads."""
    dump = write(tmp_path, "CREATE TABLE public.t (id int);\nALTER TABLE public.t OWNER TO team_owner_zz;\n"
                           "ALTER DEFAULT PRIVILEGES FOR ROLE team_reader_zz GRANT SELECT ON TABLES TO anon;\n")
    dsn = fresh()
    load_baseline(server.client_bindir, dsn, (dump,))
    assert one(dsn, "SELECT tableowner FROM pg_tables WHERE tablename = 't'") == "team_owner_zz"


def test_the_prelude_loads_twice_in_one_cluster(server: Server, fresh: Fresh, tmp_path: Path) -> None:
    """Supabase's roles already in the cluster (supabase_admin, postgres, …) are no error the second time."""
    dump = write(tmp_path, "CREATE ROLE supabase_admin;\nCREATE TABLE public.t (id int);\n")
    load_baseline(server.client_bindir, fresh(), (dump,))
    assert load_baseline(server.client_bindir, fresh(), (dump,)).runs


def test_the_prelude_brings_supabases_auth_users(server: Server, fresh: Fresh, tmp_path: Path) -> None:
    """Without a dump's own auth.users, the prelude's has the columns Supabase's auth server creates."""
    dsn = fresh()
    load_baseline(server.client_bindir, dsn, (write(tmp_path, "SELECT 1;\n"),))
    columns = one(dsn, "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'auth' "
                       "AND table_name = 'users' AND column_name IN ('is_sso_user', 'confirmed_at', 'banned_until')")
    assert columns == 3


def test_a_dump_with_its_own_auth_users_keeps_it(server: Server, fresh: Fresh, tmp_path: Path) -> None:
    """A full dump of a Supabase database brings auth.users: the prelude's is not loaded over it."""
    dsn = fresh()
    dump = write(tmp_path, "CREATE SCHEMA auth;\nCREATE TABLE auth.users (id uuid PRIMARY KEY, team_column int);\n")
    load_baseline(server.client_bindir, dsn, (dump,))
    assert one(dsn, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' "
                    "AND table_schema = 'auth'") == 2


def test_a_failing_statement_is_one_line_with_file_and_line(server: Server, fresh: Fresh, tmp_path: Path) -> None:
    """What cannot load names the file, the line and the statement, and PostgreSQL's error, on one line."""
    dump = write(tmp_path, "CREATE TABLE public.a (id int);\n\nCREATE TABLE public.b (\n  id int REFERENCES no\n);\n")
    with pytest.raises(BaselineError) as error:
        load_baseline(server.client_bindir, fresh(), (dump,))
    assert (str(error.value).count("\n"), f"{dump}:3 (CREATE TABLE public.b" in str(error.value)) == (0, True)


@pytest.mark.parametrize(("content", "reason"), [
    (bytes(range(256)) * 8, "not SQL text"),
    (b"PGDMP" + bytes(range(7, 250)) * 16, "starts like a pg_dump archive but pg_restore cannot read it"),
], ids=["random-bytes", "fake-pgdmp-header"])
def test_a_garbage_baseline_is_one_line_naming_it(tmp_path: Path, content: bytes, reason: str) -> None:
    """A file that is neither SQL nor an archive is refused in one line naming it and what to pass."""
    garbage = tmp_path / "garbage.dump"
    garbage.write_bytes(content)
    with pytest.raises(BaselineError, match=f"^{garbage}: {reason}.*pass a pg_dump file") as error:
        check_readable(garbage)
    assert "\n" not in str(error.value)
