"""Before the window: what each sampled user can read of each table, kept to compare afterwards."""

import pytest

from deploygates.access.impersonation import capture_access
from deploygates.records import Recordings
from deploygates.target import TargetDatabase
from fixtures.application import public_tables

pytestmark = pytest.mark.predeploy
KINDS = {"practitioner", "sponsor", "admin", "unlinked"}


@pytest.mark.runbook("VALPREP-3")
def test_capture_visible_rows_per_user(
    target_database: TargetDatabase, recordings: Recordings, pytestconfig: pytest.Config
) -> None:
    """Users of every kind are sampled and what each can read of each table is captured (read-only)."""
    captured = capture_access(target_database.dsn, public_tables(pytestconfig))
    recordings.save("access", captured)
    kinds = {user["kind"] for user in captured["users"]}
    assert kinds == KINDS, f"no sampled user of kind(s) {sorted(KINDS - kinds)} in {target_database.label}"
