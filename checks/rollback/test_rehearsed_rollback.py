"""The rollback script run tonight is the one rehearsed: its sha256 against what the last GO of the rehearsal
recorded (the rehearsal proved that script returns the schema and the data to their pre-migration state)."""

from collections.abc import Callable
from pathlib import Path

import pytest

from deploygates.errors import fail
from deploygates.migration.files import SqlSources

pytestmark = pytest.mark.rollback


@pytest.mark.runbook("RBEMERG-2")
@pytest.mark.runbook("RBPLAN-3")
def test_rollback_script_is_the_rehearsed_one(unrehearsed_script: Callable[[str, Path], str | None],
                                              sql_sources: SqlSources) -> None:
    """The rollback script is byte for byte the one the rehearsal ran and proved exact."""
    problem = unrehearsed_script("rollback", sql_sources.rollback)
    if problem:
        fail(problem)
