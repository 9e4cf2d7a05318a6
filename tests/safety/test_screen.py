"""The statement screen on its own (PostgreSQL's parser, no server): what a script on the target may hold."""

from __future__ import annotations

import pytest

from deploygates import resources
from deploygates.safety.screen import ScriptRefused, screen
from tests.safety.hostile import SCREENED

READS = {  # script, number of statements
    "select": ("SELECT count(*) FROM public.profiles;", 1),
    "do_block": ("DO $$ BEGIN RAISE NOTICE 'ok'; END $$;", 1),
    "show": ("SHOW server_version;", 1),
    "explain": ("EXPLAIN SELECT 1;", 1),
    "display_meta": ("\\set ON_ERROR_STOP on\n\\echo checking\nSELECT 1;", 1),
    "search_path": ("SET search_path = public;\nSELECT 1;", 2),
    "cursor": ("DECLARE c CURSOR FOR SELECT 1;\nFETCH ALL FROM c;\nCLOSE c;", 3),
}


@pytest.mark.parametrize("name", sorted(READS))
def test_a_read_passes(name: str) -> None:
    """A script that only reads passes the screen, every statement kept with its line."""
    text, count = READS[name]
    assert len(screen(text, f"{name}.sql")) == count


def test_the_reference_validation_passes() -> None:
    """The reference validation script passes the screen (a DO block of SELECTs)."""
    assert [s.kind for s in screen(resources.VALIDATION_FILE.read_text(), "v.sql")] == ["DoStmt"]


@pytest.mark.parametrize("name", sorted(name for name in SCREENED if name != "binary_file"))
def test_a_hostile_script_is_refused(name: str) -> None:
    """A script that could write, leave the transaction or run outside SQL is refused with file and line."""
    with pytest.raises(ScriptRefused, match=rf"^{name}\.sql(:\d+)?: "):
        screen(SCREENED[name], f"{name}.sql")


def test_refusal_names_the_line() -> None:
    """The refusal names the line of the statement that could write."""
    with pytest.raises(ScriptRefused, match=r"^f\.sql:3: refused before anything was sent: COMMIT"):
        screen("SELECT 1;\n\nCOMMIT;", "f.sql")
