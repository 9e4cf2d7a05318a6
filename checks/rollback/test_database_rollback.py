"""Rollback: after a real rollback, the target's schema equals the catalog recorded before the migration.

The runbook's own "Verify rollback" step (RBEMERG-4) reruns validate_production_migration.sql. That
script validates the MIGRATED state, so after a correct rollback it must fail: an operator following
the runbook reads a successful rollback as a failed one. The gate here expects that failure, and
verifies the rollback with the catalog comparison instead.
"""

import pytest

from deploygates.migration.catalog_record import CatalogRecord
from deploygates.migration.files import SqlSources
from deploygates.migration.snapshot import diff_catalog, read_catalog
from deploygates.postgres.connections import connect
from deploygates.reporting.attachments import attach_diff, attach_script_run
from deploygates.safety.runner import SCRIPT_ERROR, run_read_only
from deploygates.target import TargetDatabase

pytestmark = pytest.mark.rollback

FLAW = (
    "The runbook's 'Verify rollback' step reruns the migration validator, which checks the migrated schema and "
    "must FAIL after a correct rollback (an operator must not read that failure as a failed rollback). "
)


@pytest.mark.runbook("RBEMERG-2")
@pytest.mark.runbook("RBPLAN-3")
def test_catalog_equals_the_recorded_pre_migration_catalog(
    target_database: TargetDatabase, catalog_record: CatalogRecord
) -> None:
    """After the rollback, the target's schema (tables to grants) equals its catalog recorded before the migration."""
    with connect(target_database.dsn) as conn:
        diff = diff_catalog(catalog_record.catalog, read_catalog(conn))
    attach_diff("catalog: recorded before the migration (-) against now (+)", diff)
    assert not diff, (
        f"{target_database.label} differs from its catalog recorded {catalog_record.captured_at} "
        f"({len(diff)} differences; - only before the migration, + only now):\n" + "\n".join(diff[:60])
    )


@pytest.mark.runbook("RBEMERG-4")
def test_runbook_verify_step_fails_after_rollback(target_database: TargetDatabase, sql_sources: SqlSources) -> None:
    """The runbook's "Verify rollback" step (the migration validator) fails on the rolled-back target, as it must."""
    run = run_read_only(target_database.dsn, sql_sources.validation)
    attach_script_run(run)
    if run.ok:
        pytest.fail(FLAW + f"Here it PASSED on {target_database.label}: the target still looks migrated "
                    f"(was the rollback run?), or the validator cannot fail.\n{run.summary()}", pytrace=False)
    assert run.returncode == SCRIPT_ERROR, FLAW + f"Here it could not run at all:\n{run.summary()}"
