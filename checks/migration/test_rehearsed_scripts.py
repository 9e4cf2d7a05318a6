"""The scripts run in the window are the ones rehearsed: each file's sha256 against what the last GO of the
rehearsal recorded (Flyway's `validate` keeps the same promise with its checksums). An edit after the
rehearsal, a script added, dropped or reordered, fails the gate before anyone reads the migrated data."""

from collections.abc import Callable
from pathlib import Path

import pytest

from deploygates.errors import fail
from deploygates.migration.files import SqlSources

pytestmark = pytest.mark.migration


@pytest.mark.runbook("ENV-3")
def test_migration_script_is_the_rehearsed_one(unrehearsed_script: Callable[[str, Path], str | None],
                                               migration_file: Path) -> None:
    """This migration script is byte for byte the one the rehearsal ran (sha256 recorded by the rehearsal)."""
    problem = unrehearsed_script("migration", migration_file)
    if problem:
        fail(problem)


@pytest.mark.runbook("STEP2-1")
@pytest.mark.runbook("ENV-3")
def test_migration_scripts_are_the_rehearsed_list(unrehearsed_order: Callable[[tuple[Path, ...]], str | None],
                                                  sql_sources: SqlSources) -> None:
    """The migration scripts are the rehearsed ones, none added or left out, in the rehearsed order."""
    problem = unrehearsed_order(sql_sources.migrations)
    if problem:
        fail(problem)


@pytest.mark.runbook("STEP3-1")
@pytest.mark.runbook("VALPREP-1")
def test_validation_script_is_the_rehearsed_one(unrehearsed_script: Callable[[str, Path], str | None],
                                                sql_sources: SqlSources) -> None:
    """The validation script is byte for byte the one the rehearsal proved able to fail and to pass."""
    problem = unrehearsed_script("validation", sql_sources.validation)
    if problem:
        fail(problem)
