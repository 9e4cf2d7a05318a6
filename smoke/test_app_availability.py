"""Immediate rollback trigger "Application completely inaccessible": the app answers, and is out of
maintenance mode (runbook step 6)."""

import httpx
import pytest

from deploygates.http.client import call, describe
from deploygates.release import PRACTITIONER_DASHBOARD, SIGNIN

pytestmark = [pytest.mark.postdeploy, pytest.mark.trigger("rollback_now")]


@pytest.mark.runbook("RBNOW-4")
def test_app_answers(app: httpx.Client) -> None:
    """The app answers HTTP: a malformed sign-in gets a client error, not a server error."""
    response = call(app, "POST", SIGNIN, json={})
    assert 400 <= response.status_code < 500, describe(response)


@pytest.mark.runbook("RBNOW-4")
@pytest.mark.runbook("STEP6-1")
def test_app_is_out_of_maintenance_mode(app: httpx.Client) -> None:
    """The app serves its API instead of the maintenance answer (503)."""
    response = call(app, "GET", PRACTITIONER_DASHBOARD)
    assert response.status_code != 503, describe(response)
