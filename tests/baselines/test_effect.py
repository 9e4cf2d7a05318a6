"""Checks judge what the migration did: a condition the database had before is pre-existing (a warning),
one the migration introduced fails; a corruption that cannot be made on a schema is not applicable."""

from collections.abc import Callable

from psycopg.conninfo import conninfo_to_dict

from deploygates.migration.corruption import CorruptionLab, corruptions
from deploygates.migration.effect import conditions, judge
from deploygates.postgres import Server
from deploygates.postgres.connections import connect
from deploygates.postgres.queries import check_named, run_check
from deploygates.resources import VALIDATION_FILE

Fresh = Callable[[], str]
RLS = check_named("rls_enabled_on_public_tables")


def test_a_table_without_rls_before_the_migration_is_pre_existing(fresh: Fresh) -> None:
    """A table that had RLS off before the migration is reported as pre-existing, not introduced."""
    dsn = fresh()
    with connect(dsn) as conn:
        conn.execute("CREATE TABLE public.settings (key text PRIMARY KEY)")
    before = conditions(dsn, RLS)
    with connect(dsn) as conn:
        conn.execute("CREATE TABLE public.organizations (id int PRIMARY KEY)")
    effect = judge(run_check(dsn, RLS), before)
    assert ([r[0] for r in effect.pre_existing], [r[0] for r in effect.introduced]) == (["settings"], ["organizations"])


def test_without_a_before_every_violation_counts(fresh: Fresh) -> None:
    """Where nothing is known of the database before the migration (a real target), every row fails."""
    dsn = fresh()
    with connect(dsn) as conn:
        conn.execute("CREATE TABLE public.settings (key text PRIMARY KEY)")
    assert not judge(run_check(dsn, RLS), None).holds


def test_a_corruption_that_cannot_be_made_is_not_applicable(server: Server, fresh: Fresh) -> None:
    """The invalid-index corruption on a schema without practitioner_assignments says why it does not apply."""
    template = str(conninfo_to_dict(fresh())["dbname"])
    lab = CorruptionLab(server.admin_dsn, server.client_bindir, VALIDATION_FILE, template)
    outcome = lab.outcome(next(c for c in corruptions() if c.name == "invalid_index"))
    assert outcome.not_applicable == "public.practitioner_assignments has no index but its primary key"
