"""User experience validation: test accounts sign in, practitioners see what they saw before the
window, and every link the API hands out leads somewhere."""

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from deploygates.http.accounts import Accounts
from deploygates.http.capture import differences, json_page
from deploygates.http.client import TokenBook, call, links, sign_in
from deploygates.release import COACH_DASHBOARD, PRACTITIONER_DASHBOARD

pytestmark = pytest.mark.postdeploy


@pytest.mark.runbook("UX-1")
def test_every_test_account_signs_in(app: httpx.Client, accounts: Accounts) -> None:
    """Every test account (for the sandbox: a sample of its users) signs in."""
    with ThreadPoolExecutor(4) as pool:  # bcrypt is slow by design; the app checks several at once
        statuses = dict(zip(accounts.signin_sample, pool.map(lambda a: sign_in(app, a).status_code,
                                                             accounts.signin_sample), strict=True))
    refused = [f"{account}: {status}" for account, status in statuses.items() if status != 200]
    assert not refused, f"{len(refused)} of {len(accounts.signin_sample)} accounts refused:\n" + "\n".join(refused)


@pytest.mark.runbook("UX-3")
@pytest.mark.runbook("MON4H-2")
def test_practitioner_dashboards_unchanged(
    app: httpx.Client, accounts: Accounts, tokens: TokenBook, dashboards_before: dict[str, Any]
) -> None:
    """Each sampled practitioner's dashboard shows exactly what it showed before the window."""
    before = dashboards_before["practitioners"]
    now = {a.email: json_page(app, tokens(a), PRACTITIONER_DASHBOARD) for a in accounts.practitioners}
    changed = {email: differences(before.get(email), page) for email, page in now.items() if before.get(email) != page}
    assert not changed, "\n".join(f"{email}:\n  " + "\n  ".join(lines[:10]) for email, lines in changed.items())


@pytest.mark.runbook("UX-5")
@pytest.mark.parametrize("dashboard", ["coach", "practitioner"])
def test_every_link_resolves(app: httpx.Client, accounts: Accounts, tokens: TokenBook, dashboard: str) -> None:
    """Every link on the dashboard answers 200 for the user who was given it."""
    account = accounts.coach if dashboard == "coach" else accounts.practitioner
    path = COACH_DASHBOARD if dashboard == "coach" else PRACTITIONER_DASHBOARD
    token = tokens(account)
    found = links(json_page(app, token, path))
    broken = [f"{href} → {status}" for href in found if (status := call(app, "GET", href, token).status_code) != 200]
    assert found, f"the {dashboard} dashboard of {account} carries no link"
    assert not broken, f"{len(broken)} of {len(found)} links broken:\n" + "\n".join(broken)
