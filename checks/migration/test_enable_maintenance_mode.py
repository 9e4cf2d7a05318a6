"""Phase 1, step 1: maintenance mode on, the application scaled to zero, its connections drained.

Read during the window, after step 1 and before (or while) the scripts run.
"""

import pytest

from deploygates.readiness.prerequisites import Prerequisites, application_sessions
from deploygates.release import APP_CONFIG
from deploygates.reporting.attachments import attach_check
from deploygates.target import TargetDatabase
from fixtures.platform import GatePlatform

pytestmark = pytest.mark.migration


@pytest.mark.runbook("STEP1-1")
def test_maintenance_mode_on(platform: GatePlatform) -> None:
    """Maintenance mode is on: ConfigMap app-config has MAINTENANCE_MODE "true"."""
    found = platform.config_map(APP_CONFIG).get("MAINTENANCE_MODE")
    assert found == "true", f"MAINTENANCE_MODE is {found!r} in ConfigMap {APP_CONFIG} ({platform.describe()})"


@pytest.mark.runbook("STEP1-2")
def test_deployment_scaled_to_zero(platform: GatePlatform) -> None:
    """virtue-app is scaled down to 0 replicas."""
    found = platform.deployment()
    assert found.desired == 0, f"virtue-app wants {found.desired} replicas ({found.available} available), not 0"


@pytest.mark.runbook("STEP1-2")
def test_no_application_pod_left(platform: GatePlatform) -> None:
    """No pod of virtue-app is left running or terminating."""
    pods = [f"{pod.name} ({'ready' if pod.ready else pod.waiting_reason or 'not ready'})" for pod in platform.pods()]
    assert not pods, f"pods of virtue-app still present: {', '.join(pods)}"


@pytest.mark.runbook("STEP1-3")
def test_no_application_session_left(target_database: TargetDatabase, prerequisites: Prerequisites) -> None:
    """The application's database connections have drained: none left in pg_stat_activity."""
    result = application_sessions(target_database.dsn, prerequisites)
    attach_check(result)
    assert result.passed, result.report()
