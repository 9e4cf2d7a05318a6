"""Phase 1, step 3: the migrated target, read-only, against every guarantee of the migration
(DOMAIN.md §4, one check per file of sql/checks) and against the runbook's own validation script.

Each query runs in a read-only session bounded by statement_timeout; against staging or production
it reads the real database, on the sandbox a clone the scripts just migrated. On the sandbox a violation
its pre-migration clone already had is pre-existing (a warning); on a real target every one counts.
The validation script is screened and run in a transaction that is always rolled back, never through
psql (docs/safety.md).
"""

from collections.abc import Callable

import pytest

from deploygates.migration.effect import Rows, judge
from deploygates.migration.files import SqlSources
from deploygates.postgres.queries import NamedQuery, run_check
from deploygates.reporting.attachments import attach_check, attach_script_run
from deploygates.safety.runner import run_read_only
from deploygates.target import TargetDatabase

pytestmark = pytest.mark.migration
Conditions = Callable[[NamedQuery], tuple[Rows, str] | None]
Note = Callable[[str, str], None]


@pytest.mark.runbook("STEP3-1")
@pytest.mark.runbook("BIZ-5")
def test_guarantee_holds_on_target(target_database: TargetDatabase, sql_check: NamedQuery,
                                   pre_migration_conditions: Conditions, report_note: Note) -> None:
    """The migrated target keeps this guarantee (the check's title; violating rows shown below)."""
    effect = judge(run_check(target_database.dsn, sql_check), pre_migration_conditions(sql_check))
    attach_check(effect.after)
    if effect.pre_existing:
        report_note("pre_existing", effect.warning())
    assert effect.holds, f"{target_database.label}: {effect.report()}"


@pytest.mark.postdeploy
@pytest.mark.runbook("STEP3-1")
@pytest.mark.runbook("POSTD1-3")
def test_validation_script_passes_on_target(target_database: TargetDatabase, sql_sources: SqlSources) -> None:
    """The runbook's validation script passes on the target, screened and run in a read-only transaction."""
    run = run_read_only(target_database.dsn, sql_sources.validation)
    attach_script_run(run)
    assert run.ok, f"{target_database.label}: {run.summary()}"
