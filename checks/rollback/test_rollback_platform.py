"""Rollback procedures, platform side: virtue-app back on the image and replicas recorded before the
window, the organizational flags off, maintenance mode off."""

import pytest

from deploygates.platform.model import same_image
from deploygates.platform.rollback_target import RollbackTarget
from deploygates.release import APP_CONFIG, FEATURE_FLAGS, FLAGS
from fixtures.platform import GatePlatform

pytestmark = pytest.mark.rollback


@pytest.mark.runbook("RBEMERG-1")
@pytest.mark.runbook("RBPLAN-4")
def test_image_restored(platform: GatePlatform, rollback_target: RollbackTarget) -> None:
    """virtue-app runs the image recorded before the window again."""
    found = platform.deployment().image
    assert same_image(found, rollback_target.image), (
        f"virtue-app runs {found}, not {rollback_target.image} recorded at {rollback_target.recorded_at}"
    )


@pytest.mark.runbook("RBEMERG-3")
@pytest.mark.parametrize("flag", FLAGS)
def test_feature_flag_off_after_rollback(platform: GatePlatform, flag: str) -> None:
    """The organizational feature flag is off (the runbook's emergency rollback switches off only MODEL)."""
    found = platform.config_map(FEATURE_FLAGS).get(flag)
    assert found == "false", f"{flag} is {found!r} in ConfigMap {FEATURE_FLAGS}, not \"false\""


@pytest.mark.runbook("RBPLAN-1")
@pytest.mark.runbook("RBPLAN-6")
def test_maintenance_mode_off_after_rollback(platform: GatePlatform) -> None:
    """Maintenance mode is off after the rollback: users reach the restored application."""
    found = platform.config_map(APP_CONFIG).get("MAINTENANCE_MODE")
    assert found == "false", f"MAINTENANCE_MODE is {found!r} in ConfigMap {APP_CONFIG}"


@pytest.mark.runbook("RBPLAN-2")
@pytest.mark.runbook("RBPLAN-5")
def test_replicas_restored(platform: GatePlatform, rollback_target: RollbackTarget) -> None:
    """virtue-app wants as many replicas as before the window."""
    found = platform.deployment().desired
    assert found == rollback_target.replicas, f"virtue-app wants {found} replicas, {rollback_target.replicas} before"


@pytest.mark.runbook("RBEMERG-1")
@pytest.mark.runbook("RBPLAN-5")
def test_every_replica_available_after_rollback(platform: GatePlatform) -> None:
    """Every desired replica of the restored virtue-app is available."""
    found = platform.deployment()
    assert found.available == found.desired > 0, f"{found.available} of {found.desired} replicas available"
