"""Phase 2, step 4: the new image deployed, the rollout complete, the application scaled back to 3."""

import pytest

from deploygates.platform.model import same_image
from deploygates.release import EXPECTED_REPLICAS
from fixtures.platform import GatePlatform

pytestmark = pytest.mark.deployment


@pytest.mark.runbook("STEP4-1")
def test_deployment_runs_target_image(platform: GatePlatform, target_image: str) -> None:
    """Container `app` of virtue-app runs the target image virtue-app:organizational-model-v1.0."""
    found = platform.deployment().image
    assert same_image(found, target_image), f"virtue-app runs {found}, not {target_image}"


@pytest.mark.runbook("STEP4-3")
def test_deployment_scaled_to_three(platform: GatePlatform) -> None:
    """virtue-app is scaled up to 3 replicas."""
    found = platform.deployment().desired
    assert found == EXPECTED_REPLICAS, f"virtue-app wants {found} replicas, not {EXPECTED_REPLICAS}"


@pytest.mark.runbook("STEP4-2")
def test_every_replica_updated(platform: GatePlatform) -> None:
    """Every desired replica runs the new pod template (rollout status: updated = desired)."""
    found = platform.deployment()
    assert found.updated == found.desired, f"{found.updated} of {found.desired} replicas updated"


@pytest.mark.runbook("STEP4-2")
@pytest.mark.runbook("STEP4-3")
def test_every_replica_available(platform: GatePlatform) -> None:
    """Every desired replica is available (rollout status: available = updated = desired)."""
    found = platform.deployment()
    assert found.available == found.updated == found.desired, (
        f"{found.available} of {found.desired} replicas available ({found.updated} updated)"
    )


@pytest.mark.runbook("STEP4-2")
def test_rollout_finished(platform: GatePlatform) -> None:
    """The rollout finished: its generation observed, no old replica left, its progress deadline not exceeded."""
    problems = platform.deployment().rollout_problems()
    assert not problems, "; ".join(problems)


@pytest.mark.runbook("STEP4-2")
def test_no_pod_crash_looping(platform: GatePlatform) -> None:
    """No pod of virtue-app is crash-looping after the rollout."""
    looping = [f"{pod.name} ({pod.restarts} restarts)" for pod in platform.pods() if pod.crash_looping]
    assert not looping, f"pods in CrashLoopBackOff: {', '.join(looping)}"
