"""Pre-deployment: technical prerequisites and validation preparation, read from the target.

Connection limits, the deployment and its rollback image, the feature flags, and every metric source
the night's monitoring reads. Nothing here writes to the target; the rollback image is recorded in a
local file (<recorded>/<target>/platform.json, deploygates/records.py) for the rollback gates.
"""

import warnings
from pathlib import Path

import pytest

from deploygates.platform.model import same_image
from deploygates.platform.rollback_target import record
from deploygates.readiness.prerequisites import (
    MonitoringGap,
    Prerequisites,
    connections_in_use,
    max_connections,
    pg_stat_statements_gap,
)
from deploygates.release import FEATURE_FLAGS, FLAGS
from deploygates.target import TargetDatabase
from fixtures.hooks import MetricSource
from fixtures.platform import GatePlatform

pytestmark = pytest.mark.predeploy


@pytest.mark.runbook("TECH-1")
def test_max_connections_at_least_minimum(target_database: TargetDatabase, prerequisites: Prerequisites) -> None:
    """The database accepts at least the configured number of connections (limits raised for the night)."""
    found, minimum = max_connections(target_database.dsn), prerequisites.min_max_connections
    assert found >= minimum, (
        f"max_connections is {found}, below the {minimum} of thresholds.toml [prerequisites].min_max_connections: "
        "raise the connection limit before the window"
    )


@pytest.mark.runbook("TECH-1")
def test_connections_leave_headroom(target_database: TargetDatabase, prerequisites: Prerequisites) -> None:
    """Connections in use leave headroom under max_connections for the night's extra sessions."""
    used, limit = connections_in_use(target_database.dsn), max_connections(target_database.dsn)
    assert used <= limit * prerequisites.max_connection_use, (
        f"{used} of {limit} connections in use ({used / max(limit, 1):.0%}), more than the "
        f"{prerequisites.max_connection_use:.0%} of thresholds.toml [prerequisites].max_connection_use"
    )


@pytest.mark.runbook("TECH-2")
def test_current_image_recorded_as_rollback_target(
    platform: GatePlatform, rollback_target_file: Path, target_image: str
) -> None:
    """virtue-app exists and the image it runs now is recorded as the image to roll back to."""
    deployment = platform.deployment()
    assert not same_image(deployment.image, target_image), (
        f"virtue-app already runs the target image {deployment.image}: it cannot be the rollback target; "
        f"write the previous image into {rollback_target_file} by hand"
    )
    recorded = record(rollback_target_file, deployment, platform.describe())
    assert recorded.image == deployment.image, f"{rollback_target_file} holds {recorded.image}"


@pytest.mark.runbook("TECH-2")
@pytest.mark.runbook("ENV-1")
def test_every_replica_available_before_window(platform: GatePlatform) -> None:
    """Before the window every desired replica of virtue-app is available: the rollout starts from health."""
    found = platform.deployment()
    assert 0 < found.desired == found.available, (
        f"virtue-app has {found.available} of {found.desired} replicas available ({platform.describe()})"
    )


@pytest.mark.runbook("TECH-2")
@pytest.mark.runbook("ENV-1")
def test_no_pod_crash_looping_before_window(platform: GatePlatform) -> None:
    """No pod of virtue-app is crash-looping before the window."""
    looping = [f"{pod.name} ({pod.restarts} restarts)" for pod in platform.pods() if pod.crash_looping]
    assert not looping, f"pods in CrashLoopBackOff: {', '.join(looping)}"


@pytest.mark.runbook("TECH-3")
@pytest.mark.parametrize("flag", FLAGS)
def test_feature_flag_configured_and_off(platform: GatePlatform, flag: str) -> None:
    """Each organizational feature flag exists in ConfigMap feature-flags and is off before the window."""
    flags = platform.config_map(FEATURE_FLAGS)
    found = f"is {flags[flag]!r}" if flag in flags else "is missing"
    assert flags.get(flag) == "false", f"{flag} {found} in ConfigMap {FEATURE_FLAGS}; it must exist and be \"false\""


@pytest.mark.runbook("TECH-4")
@pytest.mark.runbook("VALPREP-3")
@pytest.mark.runbook("VALPREP-4")
def test_metric_source_answers(metric_source: MetricSource, request: pytest.FixtureRequest) -> None:
    """Each metric source the monitoring checkpoints and success metrics read answers with data."""
    answer = metric_source.check(request)
    assert answer, f"{request.node.callspec.id} answered nothing"


@pytest.mark.runbook("VALPREP-2")
@pytest.mark.filterwarnings("default::deploygates.readiness.prerequisites.MonitoringGap")
def test_pg_stat_statements_recording(target_database: TargetDatabase) -> None:
    """pg_stat_statements records query statistics for step 8 (if not, a warning names what follows)."""
    gap = pg_stat_statements_gap(target_database.dsn)
    if gap:
        warnings.warn(MonitoringGap(gap), stacklevel=1)
