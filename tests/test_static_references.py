"""The static reference check: what a script references that neither the baseline nor an earlier statement
creates is named with its file and line; what exists, or is created on the way, is not."""

from pathlib import Path

import pytest

from deploygates.migration.files import resolve_sources
from deploygates.migration.references import missing_references
from deploygates.migration.schema_model import known_before

SOURCES = resolve_sources()
AFTER_MIGRATION = known_before(SOURCES, SOURCES.rollback)
BUILTINS = frozenset({"coalesce", "count", "lower", "now"})


def missing(tmp_path: Path, text: str) -> list[str]:
    script = tmp_path / "script.sql"
    script.write_text(text)
    return [m.describe() for m in missing_references(script, AFTER_MIGRATION, BUILTINS)]


def test_a_column_the_baseline_lacks_is_named_with_its_line(tmp_path: Path) -> None:
    """profiles has no e-mail (auth.users has): an UPDATE reading it is named, line and all."""
    assert missing(tmp_path, "BEGIN;\nUPDATE public.profiles SET full_name = email;\n") == [
        "script.sql:2: column public.profiles.email"]


def test_a_table_nothing_creates_is_named(tmp_path: Path) -> None:
    """A table neither the baseline nor the migration creates."""
    assert missing(tmp_path, "INSERT INTO public.organization_members (user_id) VALUES (NULL);") == [
        "script.sql:1: relation public.organization_members"]


@pytest.mark.parametrize("call", ["public.recount_members()", "recount_members()"])
def test_a_function_nothing_creates_is_named(tmp_path: Path, call: str) -> None:
    """Qualified or not (then it is no built-in of the server either)."""
    assert missing(tmp_path, f"SELECT {call};") == [f"script.sql:1: function {call}"]


def test_what_an_earlier_statement_creates_is_known(tmp_path: Path) -> None:
    """A column added, then indexed and filled, in the same script."""
    text = ("ALTER TABLE public.journal_entries ADD COLUMN mood text CHECK (mood <> '');\n"
            "CREATE INDEX ON public.journal_entries (mood);\nUPDATE public.journal_entries SET mood = lower(mood);\n")
    assert missing(tmp_path, text) == []


def test_if_exists_and_with_names_are_not_missing(tmp_path: Path) -> None:
    """DROP … IF EXISTS decides at run time; a WITH query's name is no table; a qualified alias resolves."""
    text = ("ALTER TABLE IF EXISTS public.gone DROP COLUMN x;\nDROP TABLE IF EXISTS public.gone;\n"
            "WITH t AS (SELECT 1 AS a) SELECT a FROM t;\nSELECT p.full_name FROM public.profiles p;\n")
    assert missing(tmp_path, text) == []


@pytest.mark.parametrize("script", [*SOURCES.migrations, SOURCES.validation, SOURCES.rollback],
                         ids=lambda path: path.name)
def test_the_reference_scripts_reference_only_what_exists(script: Path) -> None:
    """The reference migration set, its validation and its rollback pass their own check."""
    assert missing_references(script, known_before(SOURCES, script)) == []
