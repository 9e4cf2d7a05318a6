"""Pre-deployment: our guarantee checks on the rehearsed migration, and the validation script proven
effective: it must fail on each small corruption of a migrated database (sql/corruptions/), which our
own check named in the corruption must report too.
"""

import pytest

from deploygates.migration.corruption import Corruption, Outcome
from deploygates.postgres.queries import NamedQuery, run_check
from deploygates.reporting.attachments import attach_check, attach_script_run, attach_sql

pytestmark = [pytest.mark.predeploy, pytest.mark.destructive]

SCRIPT_ERROR = 3  # psql's exit status for an error in the script under ON_ERROR_STOP


@pytest.mark.runbook("VALPREP-1")
@pytest.mark.runbook("ENV-3")
def test_guarantee_holds_after_rehearsal(migrated_database: str, sql_check: NamedQuery) -> None:
    """The rehearsed migration keeps this guarantee (the check's title; violating rows shown below)."""
    result = run_check(migrated_database, sql_check)
    attach_check(result)
    assert result.passed, result.report()


@pytest.mark.runbook("VALPREP-1")
@pytest.mark.runbook("STEP3-2")
def test_validation_rejects_corruption(corrupted: Outcome, corruption: Corruption) -> None:
    """The validation script fails on a migrated database with this corruption, so the runbook rolls back."""
    run = corrupted.validation
    assert run is not None
    attach_sql(corruption.path, f"corruption {corruption.path.name}")
    attach_script_run(run)
    assert run.returncode == SCRIPT_ERROR, (
        f"the validation script did not fail with a script error (exit {SCRIPT_ERROR}) on: {corruption.title} "
        f"({corrupted.check_summary()})\n{run.summary()}"
    )


@pytest.mark.runbook("VALPREP-1")
def test_our_check_flags_corruption(corrupted: Outcome, corruption: Corruption) -> None:
    """Our own check named by the corruption reports it, independently of the validation script."""
    assert corrupted.check is not None, corrupted.check_summary()
    attach_sql(corruption.path, f"corruption {corruption.path.name}")
    attach_check(corrupted.check)
    assert not corrupted.check.passed, f"{corruption.flagged_by} reports nothing on: {corruption.title}"
