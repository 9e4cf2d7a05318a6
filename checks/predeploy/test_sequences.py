"""Pre-deployment: every identity and serial sequence hands out values above its column's maximum once the
rehearsal migrated the database and once it rolled it back, or the next insert collides with a row."""

import pytest

from deploygates.errors import inconclusive
from deploygates.migration.rehearsal import Rehearsal
from deploygates.proofs.sequences import describe
from fixtures.databases import rehearsal_stop

pytestmark = [pytest.mark.predeploy, pytest.mark.destructive]


def sequences_at(rehearsal: Rehearsal, stage: str) -> list[list[str]]:
    found = rehearsal.observed.stage(stage).sequences
    if isinstance(found, str):
        inconclusive(f"the sequences could not be read {stage.replace('_', ' ')}: {found}")
    return list(found or [])


@pytest.mark.runbook("ENV-3")
@pytest.mark.runbook("STEP2-1")
def test_sequences_ahead_after_migration(rehearsal: Rehearsal) -> None:
    """After the rehearsed migration every identity and serial sequence is ahead of its column's maximum."""
    rehearsal_stop(rehearsal, ("migration",))
    behind = sequences_at(rehearsal, "migrated")
    assert not behind, f"{len(behind)} sequences behind their column after the migration:\n{describe(behind)}"


@pytest.mark.runbook("ENV-4")
def test_sequences_ahead_after_rollback(rehearsal: Rehearsal) -> None:
    """After the rehearsed rollback every identity and serial sequence is ahead of its column's maximum."""
    rehearsal_stop(rehearsal, ("migration", "rollback"))
    behind = sequences_at(rehearsal, "rolled_back")
    assert not behind, f"{len(behind)} sequences behind their column after the rollback:\n{describe(behind)}"
