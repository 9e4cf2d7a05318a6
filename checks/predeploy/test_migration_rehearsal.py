"""Pre-deployment: the migration scripts rehearsed on a copy of the pre-migration database."""

from collections.abc import Callable
from pathlib import Path

import pytest

from deploygates.migration.rehearsal import Rehearsal
from deploygates.reporting.attachments import attach_diff, attach_script_run

pytestmark = [pytest.mark.predeploy, pytest.mark.destructive]
Note = Callable[[str, str], None]


@pytest.mark.runbook("ENV-3")
@pytest.mark.runbook("STEP2-1")
def test_migration_script_applies(rehearsal: Rehearsal, migration_file: Path, report_note: Note) -> None:
    """Each migration script applies cleanly, in order, on a copy of the pre-migration database."""
    for line in (rehearsal.template.source, *rehearsal.template.notes):
        report_note("rehearsal_data", line)
    run = rehearsal.run_for(migration_file)
    assert run is not None, f"{migration_file.name} was not run: an earlier migration script failed"
    attach_script_run(run)
    assert run.ok, run.summary()


@pytest.mark.runbook("VALPREP-1")
@pytest.mark.runbook("STEP3-1")
def test_validation_passes_after_migration(rehearsal: Rehearsal) -> None:
    """The validation script passes on the freshly migrated database."""
    assert rehearsal.validation is not None, "validation not run: the migration scripts did not all apply"
    attach_script_run(rehearsal.validation)
    assert rehearsal.validation.ok, rehearsal.validation.summary()


@pytest.mark.runbook("VALPREP-1")
@pytest.mark.runbook("STEP3-2")
def test_validation_fails_before_migration(rehearsal: Rehearsal) -> None:
    """The validation script rejects the un-migrated database: a validator that cannot fail is no gate."""
    run = rehearsal.validation_on_baseline
    attach_script_run(run)
    assert not run.ok, f"the validation script passed on the pre-migration database:\n{run.summary()}"


@pytest.mark.runbook("ENV-3")
@pytest.mark.runbook("UX-4")
def test_migration_preserves_table_data(rehearsal: Rehearsal, preserved_table: str) -> None:
    """The migration keeps every row and every value of each pre-existing table."""
    assert rehearsal.migrated is not None, "not checked: the migration scripts did not all apply"
    before, after = rehearsal.before.tables[preserved_table], rehearsal.migrated.tables[preserved_table]
    attach_diff(f"{preserved_table}: rows before (-) and after (+) the migration",
                rehearsal.migration_diffs.get(preserved_table, []))
    detail = "\n".join(rehearsal.migration_diffs.get(preserved_table, []))
    assert after == before, f"{preserved_table}: {before.rows} rows before, {after.rows} after\n{detail}"
