"""Pre-deployment: the application's write paths proved in the rehearsal. One user of each kind, and anon,
inserts a row of theirs into each table, updates and deletes one, in transactions that roll back, on the
rehearsal's pre-migration clone and on its migrated one: each write must succeed exactly where it did before."""

import pytest

from deploygates.migration.rehearsal import Rehearsal
from deploygates.proofs.compare import shown, write_changes
from deploygates.proofs.observer import Observations
from fixtures.proofs import same_data

pytestmark = [pytest.mark.predeploy, pytest.mark.destructive]


@pytest.mark.runbook("ENV-3")
@pytest.mark.runbook("UX-3")
def test_user_writes_succeed_as_before(rehearsal: Rehearsal, rehearsal_proofs: Observations, rls_table: str) -> None:
    """Each kind of user inserts, updates and deletes in this table after the rehearsed migration exactly as before."""
    same_data(rehearsal, rls_table)
    changed = write_changes(rehearsal_proofs, rls_table)
    assert not changed, (f"{rls_table}: {len(changed)} writes end otherwise after the migration than before "
                         f"(rolled back; one user of each kind):\n{shown(changed)}")
