"""Pre-deployment: the migration scripts rehearsed on a copy of the pre-migration database."""

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from deploygates.errors import fail
from deploygates.migration.rehearsal import Rehearsal
from deploygates.migration.row_changes import data_changes
from deploygates.reporting.attachments import attach_diff, attach_script_run
from fixtures.databases import rehearsal_stop, unparsable, unresolved
from fixtures.effects import add_evidence

pytestmark = [pytest.mark.predeploy, pytest.mark.destructive]
Note = Callable[[str, str], None]


@pytest.mark.runbook("ENV-3")
@pytest.mark.runbook("STEP2-1")
def test_migration_script_applies(rehearsal: Rehearsal, migration_file: Path, report_note: Note,
                                  request: pytest.FixtureRequest) -> None:
    """Each migration script applies cleanly, in order, on a copy of the pre-migration database."""
    for line in (rehearsal.template.source, *rehearsal.template.notes):
        report_note("rehearsal_data", line)
    run = rehearsal.run_for(migration_file)
    if run is None:
        rehearsal_stop(rehearsal, ("migration",))
    assert run is not None
    attach_script_run(run)
    if not run.ok:
        unparsable((migration_file,))
        unresolved(run, rehearsal.sources, rehearsal.admin_dsn)
    failure = run.failure()
    if failure is not None:
        add_evidence(request.node, json.loads(failure.as_json()))
    assert run.ok, f"{run.headline()}\n(psql -f, ON_ERROR_STOP, exit {run.returncode})\n{run.output.strip()}"


@pytest.mark.runbook("VALPREP-1")
@pytest.mark.runbook("STEP3-1")
def test_validation_passes_after_migration(rehearsal: Rehearsal) -> None:
    """The validation script passes on the freshly migrated database."""
    rehearsal_stop(rehearsal, ("migration",))
    assert rehearsal.validation is not None
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
    rehearsal_stop(rehearsal, ("migration",))
    assert rehearsal.migrated is not None
    before, after = rehearsal.before.tables[preserved_table], rehearsal.migrated.tables[preserved_table]
    attach_diff(f"{preserved_table}: rows before (-) and after (+) the migration",
                rehearsal.migration_diffs.get(preserved_table, []))
    if after != before:
        fail(data_changes(preserved_table, before, after, rehearsal.migration_diffs.get(preserved_table, []),
                          rehearsal.columns[preserved_table], rehearsal.before.catalog, "the migration"))
