"""Phase 3, step 8: performance monitoring of the application pods (what `kubectl top pods` shows)."""

import pytest

from fixtures.platform import GatePlatform

pytestmark = pytest.mark.postdeploy


@pytest.mark.runbook("STEP8-2")
def test_every_application_pod_reports_its_usage(platform: GatePlatform) -> None:
    """Every running virtue-app pod reports CPU and memory (kubectl top pods -l app=virtue-app)."""
    pods = {pod.name for pod in platform.pods()}
    usage = {entry.name: entry for entry in platform.pod_metrics()}
    assert pods, f"{platform.describe()}: no virtue-app pod runs"
    assert pods <= usage.keys(), f"no CPU/memory figures for {sorted(pods - usage.keys())} from {platform.describe()}"
