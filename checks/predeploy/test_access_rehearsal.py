"""Pre-deployment: access proved in the rehearsal. Each sampled user of every kind, and anon, reads each table
on the rehearsal's pre-migration clone and on its migrated one, impersonated as Supabase serves them; the
migration must leave what everyone reads exactly as it was, and every policy must still evaluate."""

import pytest

from deploygates.errors import fail
from deploygates.migration.rehearsal import Rehearsal
from deploygates.proofs.compare import policy_errors, read_changes, shown
from deploygates.proofs.observer import Observations
from fixtures.proofs import same_data

pytestmark = [pytest.mark.predeploy, pytest.mark.destructive]


@pytest.mark.runbook("ENV-3")
@pytest.mark.runbook("UX-3")
@pytest.mark.runbook("RBNOW-5")
def test_users_read_the_same_rows_after_migration(rehearsal: Rehearsal, rehearsal_proofs: Observations,
                                                  rls_table: str) -> None:
    """Every sampled user, and anon, reads exactly the rows of this table after the rehearsed migration as before."""
    same_data(rehearsal, rls_table)
    errors = policy_errors(rehearsal_proofs, rls_table)
    if errors:
        fail("\n".join(errors))
    changed = read_changes(rehearsal_proofs, rls_table)
    assert not changed, (f"{rls_table}: {len(changed)} of {len(rehearsal_proofs.users)} sampled users read other "
                         f"rows after the migration than before:\n{shown(changed)}")
