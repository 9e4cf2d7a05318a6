"""Pre-deployment: our guarantee checks on the rehearsed migration, and the validation script proven
effective: it must fail on each small corruption of a migrated database (sql/corruptions/), which our
own check named in the corruption must report too.

A check judges what the migration did: violations the database already had before it are reported as
pre-existing (a warning), only those it introduced fail. A corruption that cannot be made on the schema
under test is reported as not applicable, with the reason.
"""

from collections.abc import Callable

import pytest

from deploygates.errors import blocked
from deploygates.migration.corruption import Corruption, Outcome
from deploygates.migration.effect import conditions, judge
from deploygates.postgres.queries import NamedQuery, run_check
from deploygates.reporting.attachments import attach_check, attach_script_run, attach_sql

Note = Callable[[str, str], None]

pytestmark = [pytest.mark.predeploy, pytest.mark.destructive]

SCRIPT_ERROR = 3  # psql's exit status for an error in the script under ON_ERROR_STOP

GUARANTEE = "checks/predeploy/test_validation_preparation.py::test_guarantee_holds_after_rehearsal"


@pytest.mark.runbook("VALPREP-1")
@pytest.mark.runbook("ENV-3")
def test_guarantee_holds_after_rehearsal(migrated_database: str, rehearsal_start: str, sql_check: NamedQuery,
                                         report_note: Note) -> None:
    """The rehearsed migration keeps this guarantee (the check's title; the rows it introduced shown below)."""
    effect = judge(run_check(migrated_database, sql_check), conditions(rehearsal_start, sql_check))
    attach_check(effect.after)
    if effect.pre_existing:
        report_note("pre_existing", effect.warning())
    assert effect.holds, effect.report()


@pytest.mark.runbook("VALPREP-1")
@pytest.mark.runbook("STEP3-2")
def test_validation_rejects_corruption(corrupted: Outcome, corruption: Corruption, report_note: Note) -> None:
    """The validation script fails on a migrated database with this corruption, so the runbook rolls back."""
    attach_sql(corruption.path, f"corruption {corruption.path.name}")
    if corrupted.not_applicable:
        return report_note("not_applicable", f"{corruption.name}: {corrupted.not_applicable}")
    run = corrupted.validation
    assert run is not None
    attach_script_run(run)
    assert run.returncode == SCRIPT_ERROR, (
        f"the validation script did not fail with a script error (exit {SCRIPT_ERROR}) on: {corruption.title} "
        f"({corrupted.check_summary()})\n{run.summary()}"
    )


@pytest.mark.runbook("VALPREP-1")
def test_our_check_flags_corruption(corrupted: Outcome, corruption: Corruption, report_note: Note) -> None:
    """Our own check named by the corruption reports it, independently of the validation script."""
    attach_sql(corruption.path, f"corruption {corruption.path.name}")
    if corrupted.not_applicable:
        return report_note("not_applicable", f"{corruption.name}: {corrupted.not_applicable}")
    assert corrupted.check is not None, corrupted.check_summary()
    attach_check(corrupted.check)
    if not corrupted.flagged and corrupted.before:  # the migration itself already broke what the check guards
        blocked(f"{GUARANTEE}[{corruption.flagged_by}]", f"the migrated database already violates "
                f"{corruption.flagged_by} ({len(corrupted.before)} rows): a corruption of it proves nothing more")
    assert corrupted.flagged, f"{corruption.flagged_by} reports nothing new on: {corruption.title}"
