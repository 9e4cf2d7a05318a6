"""Extended monitoring (first 4 hours): sponsor dashboards live on as coach dashboards, and the
organizational features answer for the test accounts."""

from typing import Any

import httpx
import pytest

from deploygates.http.accounts import Accounts
from deploygates.http.capture import json_page
from deploygates.http.client import TokenBook, call, describe, practitioner_ids
from deploygates.release import COACH_DASHBOARD, ORGANIZATION

pytestmark = pytest.mark.postdeploy


@pytest.mark.runbook("MON4H-1")
@pytest.mark.runbook("UX-2")
def test_sponsor_dashboards_became_coach_dashboards(
    app: httpx.Client, accounts: Accounts, tokens: TokenBook, dashboards_before: dict[str, Any]
) -> None:
    """Each sampled former sponsor's coach dashboard lists the practitioners their sponsor dashboard listed."""
    before = dashboards_before["sponsors"]
    now = {a.email: practitioner_ids(json_page(app, tokens(a), COACH_DASHBOARD)) for a in accounts.coaches}
    changed = [f"{email}: {len(before.get(email, []))} before, {len(ids)} now; missing "
               f"{sorted(set(before.get(email, [])) - set(ids))}, new {sorted(set(ids) - set(before.get(email, [])))}"
               for email, ids in now.items() if before.get(email) != ids]
    assert not changed, "\n".join(changed)


@pytest.mark.runbook("MON4H-4")
@pytest.mark.runbook("MON24H-4")
def test_organization_page_answers_for_test_account(app: httpx.Client, accounts: Accounts, tokens: TokenBook) -> None:
    """The test account sees its organization (the organizational features answer)."""
    response = call(app, "GET", ORGANIZATION, tokens(accounts.test))
    assert response.status_code == 200, describe(response)
    assert response.json().get("name"), describe(response)
