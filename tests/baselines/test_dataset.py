"""The schema-driven generator: any schema filled from its catalog, deterministic by seed, the domain
shaping on top where the known tables are, and a table it cannot fill reported in one line."""

from collections.abc import Callable
from pathlib import Path

import pytest
from psycopg import sql

from deploygates.dataset.load import DatasetReport, generate
from deploygates.migration.baseline import load_baseline
from deploygates.migration.files import resolve_sources
from deploygates.migration.snapshot import take_snapshot
from deploygates.postgres import Server
from deploygates.postgres.connections import connect

SAMPLES = Path(__file__).parent / "samples"
Fresh = Callable[[], str]


def loaded(server: Server, dsn: str, baseline: Path, users: int = 30, seed: int = 42) -> DatasetReport:
    load_baseline(server.client_bindir, dsn, resolve_sources(baseline).baseline)
    return generate(dsn, users, seed)


def content(dsn: str) -> dict[str, object]:
    """Every table's rows as text (row hashes would differ: an enum hashes by its label's oid)."""
    with connect(dsn) as conn:
        tables = take_snapshot(conn).tables
        query = "SELECT count(*), md5(string_agg(t::text, '|' ORDER BY t::text)) FROM {} t"
        return {table: conn.execute(sql.SQL(query).format(sql.Identifier(*table.split(".")))).fetchone()
                for table in tables}


@pytest.fixture(scope="module")
def tricky(server: Server) -> tuple[DatasetReport, str]:
    from deploygates.postgres.connections import create_database, scratch_name
    dsn = create_database(server.admin_dsn, scratch_name("tricky"))
    return loaded(server, dsn, SAMPLES / "tricky_schema.sql"), dsn


@pytest.mark.parametrize("table", ["public.teams", "public.members", "public.member_notes"])
def test_a_foreign_table_is_filled_from_its_catalog(tricky: tuple[DatasetReport, str], table: str) -> None:
    """Identities, enums, domains, CHECKs, composite and self keys: each table of a new schema gets rows."""
    assert tricky[0].rows[table] > 0, tricky[0].problems


def test_a_table_nothing_can_fill_is_one_line(tricky: tuple[DatasetReport, str]) -> None:
    """A table whose CHECK no row satisfies is left empty and reported in one line; the rest is filled."""
    lines = [p for p in tricky[0].problems if p.startswith("public.impossible")]
    assert (tricky[0].rows["public.impossible"], len(lines), "\n" in "".join(lines)) == (0, 1, False), lines


def test_the_same_seed_makes_the_same_data(server: Server, fresh: Fresh) -> None:
    """Two loads with the same scale and seed hold identical rows in every table."""
    first, second = fresh(), fresh()
    loaded(server, first, SAMPLES / "tricky_schema.sql")
    loaded(server, second, SAMPLES / "tricky_schema.sql")
    assert content(first) == content(second)


def test_another_seed_makes_other_data(server: Server, fresh: Fresh) -> None:
    """Another seed gives other rows."""
    first, second = fresh(), fresh()
    loaded(server, first, SAMPLES / "tricky_schema.sql", seed=1)
    loaded(server, second, SAMPLES / "tricky_schema.sql", seed=2)
    assert content(first)["public.members"] != content(second)["public.members"]


def test_ten_users_are_enough(server: Server, fresh: Fresh) -> None:
    """The reference baseline loads at the smallest --users the options accept (10)."""
    report = loaded(server, fresh(), Path(resolve_sources().baseline[0]).parent, users=10)
    assert (report.rows["public.profiles"], report.problems) == (10, [])


def test_the_shaping_fits_a_virtues_table_of_another_shape(server: Server, fresh: Fresh, tmp_path: Path) -> None:
    """The twelve virtues are shaped into a table without author_description and with a NOT NULL slug."""
    schema = tmp_path / "virtues.sql"
    schema.write_text("CREATE TABLE public.virtues (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
                      "  name text NOT NULL UNIQUE, slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z-]+$'));\n")
    report = loaded(server, fresh(), schema)
    assert (report.rows["public.virtues"], "public.virtues" in report.shaped) == (12, True)
