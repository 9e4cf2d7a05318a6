"""Pre-deployment: the rollback script rehearsed after the migration, and the migration re-applied."""

import pytest

from deploygates.errors import fail
from deploygates.migration.rehearsal import Rehearsal
from deploygates.migration.row_changes import data_changes
from deploygates.migration.snapshot import diff_catalog
from deploygates.reporting.attachments import attach_diff, attach_script_run

pytestmark = [pytest.mark.predeploy, pytest.mark.destructive]


@pytest.mark.runbook("ENV-4")
@pytest.mark.runbook("RBPLAN-3")
def test_rollback_script_applies(rehearsal: Rehearsal) -> None:
    """The rollback script runs cleanly on the migrated database."""
    assert rehearsal.rollback is not None, "rollback not run: the migration scripts did not all apply"
    attach_script_run(rehearsal.rollback)
    assert rehearsal.rollback.ok, rehearsal.rollback.summary()


@pytest.mark.runbook("ENV-4")
@pytest.mark.runbook("RBEMERG-2")
def test_rollback_restores_schema(rehearsal: Rehearsal) -> None:
    """After rollback, tables, columns, constraints, indexes, policies, functions, triggers and grants are as before."""
    assert rehearsal.rolled_back is not None, "not checked: the rollback did not run cleanly"
    diff = diff_catalog(rehearsal.before.catalog, rehearsal.rolled_back.catalog)
    attach_diff("catalog: before the migration (-) and after the rollback (+)", diff)
    assert not diff, "schema differs from the pre-migration state:\n" + "\n".join(diff[:40])


@pytest.mark.runbook("ENV-4")
def test_rollback_restores_table_data(rehearsal: Rehearsal, preserved_table: str) -> None:
    """After rollback, each pre-existing table holds exactly its pre-migration rows."""
    assert rehearsal.rolled_back is not None, "not checked: the rollback did not run cleanly"
    before, after = rehearsal.before.tables[preserved_table], rehearsal.rolled_back.tables[preserved_table]
    attach_diff(f"{preserved_table}: rows before the migration (-) and after the rollback (+)",
                rehearsal.rollback_diffs.get(preserved_table, []))
    if after != before:
        fail(data_changes(preserved_table, before, after, rehearsal.rollback_diffs.get(preserved_table, []),
                          rehearsal.columns[preserved_table], rehearsal.before.catalog, "the migration and rollback"))


@pytest.mark.runbook("ENV-4")
def test_migration_reapplies_after_rollback(rehearsal: Rehearsal) -> None:
    """After a rollback the migration applies again cleanly and validates."""
    assert rehearsal.rolled_back is not None, "not checked: the rollback did not run cleanly"
    for run in rehearsal.reapply:
        attach_script_run(run)
    failed = [run.summary() for run in rehearsal.reapply if not run.ok]
    assert not failed, "\n".join(failed)
    validation = rehearsal.validation_after_reapply
    assert validation is not None, "no migration script re-ran"
    attach_script_run(validation)
    assert validation.ok, validation.summary()
