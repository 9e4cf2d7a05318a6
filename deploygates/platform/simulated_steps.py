"""The runbook's kubectl steps, played on the sandbox's platform state.

Time is simulated: each step is stamped with the moment the runbook would reach it, so a prepared
sandbox carries a realistic history (flags five minutes apart) without anyone sleeping.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path

from deploygates.manifest.phases import SandboxState
from deploygates.platform.state_file import PlatformState, patch_config_map, save, scale, set_image
from deploygates.release import (
    APP_CONFIG,
    EXPECTED_REPLICAS,
    FEATURE_FLAGS,
    FLAG_SPACING,
    FLAGS,
    MAINTENANCE_MODE,
    PREVIOUS_IMAGE,
    TARGET_IMAGE,
)


def stamp(at: datetime) -> str:
    return at.astimezone(UTC).isoformat()


def create(path: Path) -> None:
    """The platform as production has it before the window: previous image, 3 replicas, flags off."""
    save(PlatformState(), path)


def step1_enter_maintenance(path: Path, at: datetime) -> datetime:
    patch_config_map(path, APP_CONFIG, {MAINTENANCE_MODE: "true"}, stamp(at))
    scale(path, 0, at=stamp(at + timedelta(seconds=5)))
    return at + timedelta(seconds=35)  # "sleep 30" for connections to drain


def step4_deploy(path: Path, at: datetime) -> datetime:
    set_image(path, TARGET_IMAGE, stamp(at))
    scale(path, EXPECTED_REPLICAS, at=stamp(at + timedelta(minutes=1)))
    return at + timedelta(minutes=2)


def step5_enable_flags(path: Path, at: datetime) -> datetime:
    for flag in FLAGS:
        patch_config_map(path, FEATURE_FLAGS, {flag: "true"}, stamp(at))
        at += FLAG_SPACING
    return at


def step6_leave_maintenance(path: Path, at: datetime) -> datetime:
    patch_config_map(path, APP_CONFIG, {MAINTENANCE_MODE: "false"}, stamp(at))
    return at + timedelta(seconds=5)


def emergency_rollback(path: Path, at: datetime) -> datetime:
    set_image(path, PREVIOUS_IMAGE, stamp(at))
    patch_config_map(path, FEATURE_FLAGS, dict.fromkeys(FLAGS, "false"), stamp(at + timedelta(minutes=1)))
    return at + timedelta(minutes=2)


def prepare_platform(path: Path, state: SandboxState, start: datetime | None = None) -> None:
    """Bring a fresh platform file to where the runbook leaves it for the given sandbox state."""
    at = start or datetime.now(UTC) - timedelta(hours=1)
    create(path)
    if state is SandboxState.PRE_MIGRATION:
        return
    at = step1_enter_maintenance(path, at)
    if state is SandboxState.IN_WINDOW:
        return
    at = step6_leave_maintenance(path, step5_enable_flags(path, step4_deploy(path, at + timedelta(minutes=10))))
    if state is SandboxState.ROLLED_BACK:
        emergency_rollback(path, at + timedelta(minutes=10))


def prepare_platform_file(path: Path, state: SandboxState, config_maps: Mapping[str, Mapping[str, str]]) -> Path:
    """The platform as the runbook leaves it in `state`, then any config maps a fault leaves wrong."""
    prepare_platform(path, state)
    for name, data in config_maps.items():
        patch_config_map(path, name, dict(data))
    return path
