"""Phase 2, steps 5 and 6: the feature flags on, in the runbook's order and five minutes apart, then
maintenance mode off."""

import pytest

from deploygates.release import APP_CONFIG, FEATURE_FLAGS, FLAG_SPACING, FLAGS
from fixtures.platform import GatePlatform

pytestmark = pytest.mark.deployment
ADMIN, COACH, MODEL = FLAGS
ENABLED = [pytest.param(flag, marks=pytest.mark.runbook(step), id=flag)
           for flag, step in zip(FLAGS, ("STEP5-1", "STEP5-3", "STEP5-5"), strict=True)]
ORDER = [pytest.param(ADMIN, COACH, marks=pytest.mark.runbook("STEP5-2"), id=f"{COACH}-after-{ADMIN}"),
         pytest.param(COACH, MODEL, marks=pytest.mark.runbook("STEP5-4"), id=f"{MODEL}-after-{COACH}")]


@pytest.mark.parametrize("flag", ENABLED)
def test_feature_flag_enabled(platform: GatePlatform, flag: str) -> None:
    """The organizational feature flag is on: ConfigMap feature-flags has it "true"."""
    found = platform.config_map(FEATURE_FLAGS).get(flag)
    assert found == "true", f"{flag} is {found!r} in ConfigMap {FEATURE_FLAGS}, not \"true\""


@pytest.mark.parametrize(("earlier", "later"), ORDER)
def test_feature_flag_enabled_after_previous(platform: GatePlatform, earlier: str, later: str) -> None:
    """The flag was switched on after the previous one, at least 5 minutes later (runbook's `sleep 300`)."""
    history = platform.flag_history()
    times = history.enabled_at
    assert {earlier, later} <= times.keys(), f"order not verifiable from {history.source}: {history.gap}"
    gap = times[later] - times[earlier]
    assert gap >= FLAG_SPACING, (
        f"{later} was enabled at {times[later]:%H:%M:%S}, {gap.total_seconds() / 60:+.1f} min after {earlier} "
        f"({times[earlier]:%H:%M:%S}); the runbook waits {FLAG_SPACING.seconds // 60} min ({history.source})"
    )


@pytest.mark.runbook("STEP6-1")
def test_maintenance_mode_off(platform: GatePlatform) -> None:
    """Maintenance mode is off again: ConfigMap app-config has MAINTENANCE_MODE "false"."""
    found = platform.config_map(APP_CONFIG).get("MAINTENANCE_MODE")
    assert found == "false", f"MAINTENANCE_MODE is {found!r} in ConfigMap {APP_CONFIG}: users still see maintenance"
