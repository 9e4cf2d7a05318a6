"""A table's rows before and after a step, said in words first: rows named by their primary key (found in the
catalog, whatever the table is called) and dated by their creation time, read back from PostgreSQL's own
record text (quotes, commas, backslashes and NULLs included)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from deploygates.migration.row_changes import data_changes, parse_record
from deploygates.migration.snapshot import Snapshot, differing_rows, table_columns, take_snapshot
from deploygates.postgres import start_server
from deploygates.postgres.connections import connect, create_database

TABLE = "public.notes"
SETUP = """CREATE TABLE public.notes (note_no bigint PRIMARY KEY, inserted_at timestamptz NOT NULL, body text);
INSERT INTO public.notes SELECT n, timestamptz '2023-04-05 10:00+00' + n * interval '1 day', 'note ' || n
  FROM generate_series(1, 50) AS n;
INSERT INTO public.notes VALUES (51, '2023-06-01 08:00+00', 'a "quoted", comma\\ and backslash'),
                                (52, '2023-07-01 09:00+00', NULL);"""
STEP = "DELETE FROM public.notes WHERE note_no IN (1, 51); UPDATE public.notes SET body = 'edited' WHERE note_no = 7;"


@pytest.fixture(scope="module")
def changed() -> Iterator[tuple[Snapshot, Snapshot, list[str], list[str]]]:
    """Snapshots of a table before and after a step that loses two rows and edits one; the differing rows."""
    server = start_server()
    try:
        with connect(create_database(server.admin_dsn, "row_changes_before")) as before, \
                connect(create_database(server.admin_dsn, "row_changes_after")) as after:
            for conn in (before, after):
                conn.execute(SETUP)
            after.execute(STEP)
            first = take_snapshot(before)
            columns = table_columns(first.catalog)[TABLE]
            yield first, take_snapshot(after, {TABLE: columns}), columns, differing_rows(before, after, TABLE, columns)
    finally:
        server.stop()


def test_lost_and_changed_rows_are_said_in_words(changed: tuple[Snapshot, Snapshot, list[str], list[str]]) -> None:
    """The headline counts the rows lost and changed and names them by key and date."""
    before, after, columns, lines = changed
    headline = data_changes(TABLE, before.tables[TABLE], after.tables[TABLE], lines, columns, before.catalog,
                            "the migration").splitlines()[0]
    assert headline == ("public.notes: 2 of 52 rows lost (note_no 1, written 2023-04-06; note_no 51, written "
                        "2023-06-01); 1 row changed in body (note_no 7, written 2023-04-12)")


def test_the_evidence_follows_the_words(changed: tuple[Snapshot, Snapshot, list[str], list[str]]) -> None:
    """After the headline: which step, and the differing rows as PostgreSQL printed them."""
    before, after, columns, lines = changed
    text = data_changes(TABLE, before.tables[TABLE], after.tables[TABLE], lines, columns, before.catalog, "the step")
    assert text.split("\n\n", 1)[1].splitlines() == ["before and after the step, rows only before (-) and only "
                                                     "after (+):", *lines]


def test_postgresql_record_text_is_read_back_value_by_value(
        changed: tuple[Snapshot, Snapshot, list[str], list[str]]) -> None:
    """The row with quotes, a comma and a backslash parses into its three values."""
    line = next(line for line in changed[3] if line.startswith("- (51,"))
    assert parse_record(line[2:]) == ["51", "2023-06-01 08:00:00+00", 'a "quoted", comma\\ and backslash']


def test_a_table_gone_says_so() -> None:
    """A table the step dropped is named as gone, with its row count before."""
    from deploygates.migration.snapshot import Fingerprint

    assert data_changes(TABLE, Fingerprint(52, "x"), Fingerprint(-1, "table missing"), [], [], {}, "the rollback") \
        == "public.notes: the table is gone after the rollback (52 rows before)"
