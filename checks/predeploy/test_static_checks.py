"""Pre-deployment, before anything runs: the scripts under test read as SQL, file by file.

Checked with PostgreSQL's own parser (pglast), without a database: a script that does not parse is named
here once, with its file and line, and every gate that would run or read it is blocked by this one.
"""

from pathlib import Path

import pytest

from deploygates.migration.statements import syntax_error

pytestmark = pytest.mark.predeploy


def test_script_parses(script_file: Path) -> None:
    """Every statement of the script is SQL that PostgreSQL's parser accepts."""
    problem = syntax_error(script_file)
    assert problem is None, problem
