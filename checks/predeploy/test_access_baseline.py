"""Before the window: what each sampled user can read of each table, kept to compare afterwards."""

import pytest

from fixtures.access.impersonation import capture_access
from fixtures.smoke.baselines import BaselineStore
from fixtures.smoke.before import public_tables
from fixtures.target_database import TargetDatabase

pytestmark = pytest.mark.predeploy
KINDS = {"practitioner", "sponsor", "admin", "unlinked"}


@pytest.mark.runbook("VALPREP-3")
def test_capture_visible_rows_per_user(
    target_database: TargetDatabase, baselines: BaselineStore, pytestconfig: pytest.Config
) -> None:
    """Users of every kind are sampled and what each can read of each table is captured (read-only)."""
    captured = capture_access(target_database.dsn, public_tables(pytestconfig))
    baselines.save("access", captured)
    kinds = {user["kind"] for user in captured["users"]}
    assert kinds == KINDS, f"no sampled user of kind(s) {sorted(KINDS - kinds)} in {target_database.label}"
