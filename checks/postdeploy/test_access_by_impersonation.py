"""Access preserved and not widened, checked in PostgreSQL by impersonating sampled users exactly as
Supabase serves them (role authenticated, their JWT claims), in read-only transactions."""

from typing import Any

import pytest

from deploygates.access.impersonation import SampledUser, allowed_ids, visible_ids
from deploygates.target import TargetDatabase

pytestmark = pytest.mark.postdeploy


@pytest.mark.runbook("MON4H-3")
@pytest.mark.runbook("UX-4")
def test_users_see_the_same_rows(
    rls_table: str, access_before: dict[str, Any], access_users: list[SampledUser],
    visible_now: dict[str, dict[str, list[object]]],
) -> None:
    """Each sampled user (practitioner, sponsor, admin, unlinked) reads exactly the rows of this table as before."""
    assert rls_table in access_before["columns"], f"{rls_table} was not captured before the window"
    before = {u.id: access_before["visible"][u.id][rls_table] for u in access_users}
    changed = [f"{u}: {before[u.id][0]} rows before, {visible_now[u.id][rls_table][0]} now"
               for u in access_users if visible_now[u.id][rls_table] != before[u.id]]
    summary = f"{rls_table}: {len(changed)} of {len(access_users)} users see other rows than before"
    assert not changed, summary + ":\n" + "\n".join(changed)


def unlinked(target_database: TargetDatabase, users: list[SampledUser], visible: str, allowed: str) -> list[str]:
    dsn = target_database.dsn
    leaks = {u: visible_ids(dsn, u, visible) - allowed_ids(dsn, u, allowed) for u in users}
    return [f"{u}: {len(ids)} e.g. {sorted(ids)[:3]}" for u, ids in leaks.items() if ids]


@pytest.mark.runbook("RBNOW-5")
@pytest.mark.trigger("rollback_now")
def test_nobody_reads_unlinked_profiles(target_database: TargetDatabase, non_admins: list[SampledUser]) -> None:
    """No sampled user reads the profile of someone they are not linked to by a sponsorship or an assignment."""
    leaks = unlinked(target_database, non_admins, "visible_profiles", "allowed_profiles")
    assert not leaks, "security: profiles readable without a link:\n" + "\n".join(leaks)


@pytest.mark.runbook("RBNOW-5")
@pytest.mark.trigger("rollback_now")
def test_nobody_reads_unlinked_journal_entries(target_database: TargetDatabase, non_admins: list[SampledUser]) -> None:
    """No sampled user reads journal entries of someone they do not sponsor or supervise."""
    leaks = unlinked(target_database, non_admins, "visible_journal_authors", "allowed_journal_authors")
    assert not leaks, "security: journal entries readable without a link:\n" + "\n".join(leaks)
