"""Pre-deployment: the rollback script rehearsed after the migration, and the migration re-applied."""

import json

import pytest

from deploygates.errors import fail
from deploygates.migration.rehearsal import Rehearsal, tally
from deploygates.migration.row_changes import data_changes
from deploygates.migration.snapshot import diff_catalog
from deploygates.reporting.attachments import attach_diff, attach_script_run
from fixtures.databases import rehearsal_stop
from fixtures.effects import add_evidence

pytestmark = [pytest.mark.predeploy, pytest.mark.destructive]
SHOWN = 40  # leftover lines in a message; all of them are attached


@pytest.mark.runbook("ENV-4")
@pytest.mark.runbook("RBPLAN-3")
def test_rollback_script_applies(rehearsal: Rehearsal, request: pytest.FixtureRequest) -> None:
    """The rollback script runs cleanly on the migrated database."""
    rehearsal_stop(rehearsal, ("migration",))
    assert rehearsal.rollback is not None
    attach_script_run(rehearsal.rollback)
    left = rehearsal.leftovers()
    attach_diff("left by the rollback: before the migration (-), now (+)", left)
    failure = rehearsal.rollback.failure()
    if failure is not None:
        add_evidence(request.node, json.loads(failure.as_json()))
    shown = "\n".join(left[:SHOWN])
    assert rehearsal.rollback.ok, (
        f"rollback failed at {rehearsal.rollback.headline()}\nleft behind: {tally(left)} ({len(left)} differences "
        f"from the pre-migration state; - before, + now):\n{shown}\n{rehearsal.rollback.output.strip()}")


@pytest.mark.runbook("ENV-4")
@pytest.mark.runbook("RBEMERG-2")
def test_rollback_restores_schema(rehearsal: Rehearsal) -> None:
    """After rollback, tables, columns, constraints, indexes, policies, functions, triggers and grants are as before."""
    rehearsal_stop(rehearsal, ("migration", "rollback"))
    assert rehearsal.rolled_back is not None
    diff = diff_catalog(rehearsal.before.catalog, rehearsal.rolled_back.catalog)
    attach_diff("catalog: before the migration (-) and after the rollback (+)", diff)
    assert not diff, "schema differs from the pre-migration state:\n" + "\n".join(diff[:SHOWN])


@pytest.mark.runbook("ENV-4")
def test_rollback_restores_table_data(rehearsal: Rehearsal, preserved_table: str) -> None:
    """After rollback, each pre-existing table holds exactly its pre-migration rows."""
    rehearsal_stop(rehearsal, ("migration", "rollback"))
    assert rehearsal.rolled_back is not None
    before, after = rehearsal.before.tables[preserved_table], rehearsal.rolled_back.tables[preserved_table]
    attach_diff(f"{preserved_table}: rows before the migration (-) and after the rollback (+)",
                rehearsal.rollback_diffs.get(preserved_table, []))
    if after != before:
        fail(data_changes(preserved_table, before, after, rehearsal.rollback_diffs.get(preserved_table, []),
                          rehearsal.columns[preserved_table], rehearsal.before.catalog, "the migration and rollback"))


@pytest.mark.runbook("ENV-4")
def test_migration_reapplies_after_rollback(rehearsal: Rehearsal) -> None:
    """After a rollback the migration applies again cleanly and validates."""
    rehearsal_stop(rehearsal, ("migration", "rollback"))
    for run in rehearsal.reapply:
        attach_script_run(run)
    failed = [run.headline() + "\n" + run.output.strip() for run in rehearsal.reapply if not run.ok]
    assert not failed, "\n".join(failed)
    validation = rehearsal.validation_after_reapply
    assert validation is not None, "no migration script re-ran"
    attach_script_run(validation)
    assert validation.ok, validation.summary()
