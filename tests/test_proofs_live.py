"""The proofs' queries on a real PostgreSQL with the reference baseline: the security lints find what they
name and nothing on the healthy schema, a finding is judged new or pre-existing, and a sequence set behind
its column is found through the catalog."""

from collections.abc import Iterator

import pytest

from deploygates import resources
from deploygates.migration.baseline import load_baseline
from deploygates.postgres import start_server
from deploygates.postgres.connections import connect, create_database, drop_database, scratch_name
from deploygates.proofs import advisories, sequences


@pytest.fixture(scope="module")
def baseline() -> Iterator[tuple[str, str]]:
    """A database holding the reference baseline (no data): its admin DSN and its own."""
    server = start_server()
    name = scratch_name("proofs")
    dsn = create_database(server.admin_dsn, name)
    load_baseline(server.client_bindir, dsn, tuple(sorted(resources.BASELINE_DIR.glob("*.sql"))))
    yield server.admin_dsn, dsn
    drop_database(server.admin_dsn, name)
    server.stop()


def changed(dsn: str, statement: str, lint: str) -> advisories.Judged:
    """The lint before and after `statement`, which is then undone (a transaction rolled back is not seen by
    the lint's own session, so the change is committed and reverted by hand)."""
    found = {name: advisories.findings(dsn, query) for query in advisories.lints() if (name := query.name) == lint}
    with connect(dsn) as conn:
        conn.execute(statement)
    try:
        after = {query.name: advisories.findings(dsn, query) for query in advisories.lints() if query.name == lint}
    finally:
        with connect(dsn) as conn:
            conn.execute("DROP VIEW IF EXISTS public.member_emails")
    return advisories.judge(found[lint], after[lint])


def test_the_healthy_baseline_has_no_finding_but_anons_privileges(baseline: tuple[str, str]) -> None:
    """Only anon_privileges lists something on the reference baseline (the catalogue anon may read)."""
    found = advisories.all_findings(baseline[1])
    assert {name for name, rows in found.items() if rows} == {"anon_privileges"}


def test_a_view_over_auth_users_is_a_new_finding(baseline: tuple[str, str]) -> None:
    """A view of auth.users granted to authenticated is introduced, not pre-existing."""
    judged = changed(baseline[1], "CREATE VIEW public.member_emails AS SELECT id, email FROM auth.users;"
                                  "GRANT SELECT ON public.member_emails TO authenticated", "auth_users_exposed")
    assert (list(judged.introduced), judged.pre_existing) == (["public.member_emails"], {})


def test_a_sequence_behind_its_column_is_found(baseline: tuple[str, str]) -> None:
    """virtues.id's identity set back below its column's maximum."""
    with connect(baseline[1]) as conn:
        conn.execute("INSERT INTO public.virtues (id, name) VALUES (5, 'patience')")
    try:
        assert [row[1] for row in sequences.behind(baseline[1])] == ["public.virtues.id"]
    finally:
        with connect(baseline[1]) as conn:
            conn.execute("DELETE FROM public.virtues WHERE id = 5")
