"""Step 7, functional testing: the test user signs in, a former sponsor opens the coach dashboard,
a practitioner opens theirs; and the API refuses who it must."""

import httpx
import pytest

from deploygates.http.accounts import Accounts
from deploygates.http.capture import json_page, sponsored_practitioners
from deploygates.http.client import TokenBook, call, describe, practitioner_ids, sign_in
from deploygates.release import COACH_DASHBOARD, PRACTITIONER_DASHBOARD
from deploygates.target import TargetDatabase

pytestmark = pytest.mark.postdeploy


@pytest.mark.runbook("STEP7-1")
@pytest.mark.runbook("UX-1")
def test_test_user_signs_in(app: httpx.Client, accounts: Accounts) -> None:
    """The test user signs in and receives a bearer token."""
    response = sign_in(app, accounts.test)
    assert response.status_code == 200, describe(response)
    assert response.json().get("token_type") == "bearer", describe(response)


@pytest.mark.runbook("STEP7-1")
def test_wrong_password_is_rejected(app: httpx.Client, accounts: Accounts) -> None:
    """Signing in with a wrong password is refused with 401."""
    response = sign_in(app, accounts.test, password=accounts.test.password + "-wrong")
    assert response.status_code == 401, describe(response)


@pytest.mark.runbook("STEP7-3")
@pytest.mark.runbook("RBNOW-5")
@pytest.mark.trigger("rollback_now")
def test_request_without_token_is_refused(app: httpx.Client) -> None:
    """The practitioner dashboard refuses a request without a bearer token with 401."""
    response = call(app, "GET", PRACTITIONER_DASHBOARD)
    assert response.status_code == 401, describe(response)


@pytest.mark.runbook("STEP7-2")
@pytest.mark.runbook("UX-2")
def test_former_sponsor_opens_coach_dashboard(app: httpx.Client, accounts: Accounts, tokens: TokenBook) -> None:
    """A former sponsor opens the coach dashboard (200)."""
    response = call(app, "GET", COACH_DASHBOARD, tokens(accounts.coach))
    assert response.status_code == 200, describe(response)


@pytest.mark.runbook("STEP7-2")
@pytest.mark.runbook("UX-2")
def test_coach_sees_exactly_their_practitioners(
    app: httpx.Client, accounts: Accounts, tokens: TokenBook, target_database: TargetDatabase
) -> None:
    """The coach dashboard lists exactly the practitioners the former sponsor actively sponsors in the database."""
    expected = sponsored_practitioners(target_database.dsn, accounts.coach.email)
    shown = practitioner_ids(json_page(app, tokens(accounts.coach), COACH_DASHBOARD))
    missing, extra = sorted(set(expected) - set(shown)), sorted(set(shown) - set(expected))
    assert shown == expected, f"{accounts.coach}: missing {missing}, not theirs {extra}"


@pytest.mark.runbook("STEP7-2")
@pytest.mark.runbook("RBNOW-5")
@pytest.mark.trigger("rollback_now")
def test_coach_dashboard_refuses_a_practitioner(app: httpx.Client, accounts: Accounts, tokens: TokenBook) -> None:
    """A practitioner who is not a coach is refused the coach dashboard with 403."""
    response = call(app, "GET", COACH_DASHBOARD, tokens(accounts.practitioner))
    assert response.status_code == 403, describe(response)


@pytest.mark.runbook("STEP7-3")
def test_practitioner_opens_own_dashboard(app: httpx.Client, accounts: Accounts, tokens: TokenBook) -> None:
    """A practitioner opens their dashboard: virtues, stage progress, latest journal entry and their sponsor/coach."""
    dashboard = json_page(app, tokens(accounts.practitioner), PRACTITIONER_DASHBOARD)
    sections = {"virtues", "completed_stages", "latest_journal_entry", "supervisors"}
    assert sections <= dashboard.keys(), f"{accounts.practitioner}: sections {sorted(dashboard)}"
    assert dashboard["supervisors"], f"{accounts.practitioner}: no sponsor/coach shown"
