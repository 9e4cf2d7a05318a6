"""Rollback trigger "Critical data corruption detected": the integrity of the live database after the rollout.

These checks do not drift once users work in the new model (unlike the one-to-one migration guarantees), so
they are safe to watch for hours after the window; any violation is a reason to roll back now.
"""

import pytest

from deploygates import resources
from deploygates.postgres.queries import NamedQuery, named_queries, run_check
from deploygates.reporting.attachments import attach_check
from deploygates.target import TargetDatabase

INTEGRITY_CHECKS = ("no_orphan_references", "constraints_validated", "indexes_valid")
CHECKS = [query for query in named_queries(resources.SQL_DIR / "checks") if query.name in INTEGRITY_CHECKS]
assert len(CHECKS) == len(INTEGRITY_CHECKS), "an integrity check file of sql/checks is missing"

pytestmark = pytest.mark.postdeploy


@pytest.mark.runbook("RBNOW-3")
@pytest.mark.trigger("rollback_now")
@pytest.mark.parametrize("integrity_check", CHECKS, ids=[query.name for query in CHECKS])
def test_no_critical_data_corruption(target_database: TargetDatabase, integrity_check: NamedQuery) -> None:
    """No orphan reference, unvalidated constraint or invalid index in the live database."""
    result = run_check(target_database.dsn, integrity_check)
    attach_check(result)
    assert result.passed, f"data corruption in {target_database.label}: {result.report()}"
