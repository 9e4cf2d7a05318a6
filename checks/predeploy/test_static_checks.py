"""Pre-deployment, before anything runs: the scripts under test read as SQL, file by file, and reference only
what exists.

Checked with PostgreSQL's own parser (pglast), without running anything: a script that does not parse is
named here once, with its file and line, and every gate that would run or read it is blocked by this one; a
relation, column or function a script references that neither the baseline nor an earlier statement creates
is listed here, all of them at once, with file and line, and a rehearsal that stops on it is blocked by this.
"""

from pathlib import Path

import pytest

from deploygates.migration.files import SqlSources
from deploygates.migration.references import missing_references
from deploygates.migration.schema_model import known_before, run_before
from deploygates.migration.statements import syntax_error
from fixtures.databases import unparsable

pytestmark = pytest.mark.predeploy


def test_script_parses(script_file: Path) -> None:
    """Every statement of the script is SQL that PostgreSQL's parser accepts."""
    problem = syntax_error(script_file)
    assert problem is None, problem


def test_script_references_exist(script_file: Path, sql_sources: SqlSources, builtin_functions: frozenset[str]) -> None:
    """Every relation, column and function the script references exists: the baseline or an earlier statement
    creates it."""
    unparsable((*run_before(sql_sources, script_file), script_file))  # a script that does not parse teaches nothing
    missing = missing_references(script_file, known_before(sql_sources, script_file), builtin_functions)
    assert not missing, (f"{len(missing)} references to objects that neither the baseline nor an earlier statement "
                         "creates:\n" + "\n".join(f"  {m.describe()}" for m in missing))
