"""Before the window: what sampled users see in the app, kept to compare after the deployment."""

import httpx
import pytest

from deploygates.http.accounts import Accounts
from deploygates.http.capture import CaptureError, capture_dashboards
from deploygates.http.client import TokenBook
from deploygates.records import Recordings

pytestmark = pytest.mark.predeploy


@pytest.mark.runbook("VALPREP-3")
def test_capture_dashboards(app: httpx.Client, accounts: Accounts, tokens: TokenBook, recordings: Recordings) -> None:
    """The sampled practitioners' and sponsors' dashboards are captured as the acceptance recording."""
    try:
        captured = capture_dashboards(app, tokens, accounts)
    except CaptureError as error:
        pytest.fail(f"a dashboard could not be captured: {error}", pytrace=False)
    path = recordings.save("dashboards", captured)
    assert len(captured["practitioners"]) == len(accounts.practitioners), path
