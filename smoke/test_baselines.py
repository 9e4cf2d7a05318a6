"""Before the window: what sampled users see in the app, kept to compare after the deployment."""

import httpx
import pytest

from fixtures.smoke.accounts import Accounts
from fixtures.smoke.baselines import BaselineStore
from fixtures.smoke.capture import CaptureError, capture_dashboards
from fixtures.smoke.client import TokenBook

pytestmark = pytest.mark.predeploy


@pytest.mark.runbook("VALPREP-3")
def test_capture_dashboards(app: httpx.Client, accounts: Accounts, tokens: TokenBook, baselines: BaselineStore) -> None:
    """The sampled practitioners' and sponsors' dashboards are captured as the acceptance baseline."""
    try:
        captured = capture_dashboards(app, tokens, accounts)
    except CaptureError as error:
        pytest.fail(f"a dashboard could not be captured: {error}", pytrace=False)
    path = baselines.save("dashboards", captured)
    assert len(captured["practitioners"]) == len(accounts.practitioners), path
