"""The sandbox backend answers the same reads from the sandbox's platform state file."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from deploygates.manifest.phases import SandboxState
from deploygates.platform import state_file as platform_state
from deploygates.platform.model import PlatformError
from deploygates.platform.sandbox import SandboxPlatform
from deploygates.platform.simulated_steps import prepare_platform
from deploygates.release import FLAGS, TARGET_IMAGE

START = datetime(2025, 1, 3, 21, 0, tzinfo=UTC)


def sandbox(tmp_path: Path, state: SandboxState) -> SandboxPlatform:
    path = tmp_path / "platform.json"
    prepare_platform(path, state, START)
    return SandboxPlatform(path)


def test_in_window_the_app_is_scaled_to_zero(tmp_path: Path) -> None:
    backend = sandbox(tmp_path, SandboxState.IN_WINDOW)
    assert (backend.deployment().desired, backend.pods(), backend.config_map("app-config")["MAINTENANCE_MODE"]) == (
        0, [], "true")


def test_deployed_runs_three_ready_pods_of_the_target_image(tmp_path: Path) -> None:
    pods = sandbox(tmp_path, SandboxState.MIGRATED).pods()
    assert {(pod.image, pod.ready) for pod in pods} == {(TARGET_IMAGE, True)}
    assert len(pods) == 3


def test_flag_history_holds_the_simulated_five_minute_spacing(tmp_path: Path) -> None:
    times = sandbox(tmp_path, SandboxState.MIGRATED).flag_history().enabled_at
    assert [times[b] - times[a] for a, b in itertools.pairwise(FLAGS)] == [timedelta(minutes=5)] * 2


def test_flags_switched_off_leave_the_history(tmp_path: Path) -> None:
    assert sandbox(tmp_path, SandboxState.ROLLED_BACK).flag_history().enabled_at == {}


def test_unavailable_replicas_are_not_ready_pods(tmp_path: Path) -> None:
    backend = sandbox(tmp_path, SandboxState.MIGRATED)
    platform_state.scale(backend.path, 3, available=2)
    assert [(pod.ready, pod.waiting_reason) for pod in backend.pods()][-1] == (False, "ContainerCreating")


def test_crash_looping_knob(tmp_path: Path) -> None:
    backend = sandbox(tmp_path, SandboxState.MIGRATED)
    state = platform_state.load(backend.path)
    state.available_replicas, state.crash_looping = 2, 1
    platform_state.save(state, backend.path)
    assert [pod.name for pod in backend.pods() if pod.crash_looping] == ["virtue-app-sandbox-2"]


def test_metrics_only_for_ready_pods(tmp_path: Path) -> None:
    backend = sandbox(tmp_path, SandboxState.MIGRATED)
    platform_state.scale(backend.path, 3, available=1)
    assert len(backend.pod_metrics()) == 1


def test_logs_are_the_change_history(tmp_path: Path) -> None:
    lines = sandbox(tmp_path, SandboxState.MIGRATED).logs(tail=1)
    assert len(lines) == 1
    assert lines[0].endswith(' patch-configmap {"data": {"MAINTENANCE_MODE": "false"}, "name": "app-config"}')


def test_missing_config_map_is_named(tmp_path: Path) -> None:
    with pytest.raises(PlatformError, match="ConfigMap nope not found"):
        sandbox(tmp_path, SandboxState.PRE_MIGRATION).config_map("nope")


def test_missing_state_file_is_fatal(tmp_path: Path) -> None:
    with pytest.raises(PlatformError, match="does not exist") as raised:
        SandboxPlatform(tmp_path / "absent.json").deployment()
    assert raised.value.fatal
