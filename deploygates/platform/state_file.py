"""The sandbox's platform: what Kubernetes holds for virtue-app in production, kept in a JSON file.

ConfigMaps `app-config` (MAINTENANCE_MODE) and `feature-flags` (ORGANIZATIONAL_ADMIN, _COACH,
_MODEL), the deployment's image and replicas, and a history of every change with its time, so
gates can check order and spacing (flags ADMIN → COACH → MODEL, five minutes apart). The sandbox
app reads it on every request; the lifecycle steps and the fault knobs write it.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from deploygates.release import APP_CONFIG, EXPECTED_REPLICAS, FEATURE_FLAGS, FLAGS, MAINTENANCE_MODE, PREVIOUS_IMAGE


@dataclass
class Event:
    at: str  # ISO 8601, UTC
    action: str  # "patch-configmap" | "set-image" | "scale"
    detail: dict[str, Any]


@dataclass
class PlatformState:
    config_maps: dict[str, dict[str, str]] = field(default_factory=lambda: {
        APP_CONFIG: {MAINTENANCE_MODE: "false"},
        FEATURE_FLAGS: dict.fromkeys(FLAGS, "false"),
    })
    image: str = PREVIOUS_IMAGE
    replicas: int = EXPECTED_REPLICAS
    available_replicas: int = EXPECTED_REPLICAS
    crash_looping: int = 0  # unavailable pods shown in CrashLoopBackOff (a fault knob; platform gates read it)
    history: list[Event] = field(default_factory=list)

    @property
    def maintenance(self) -> bool:
        return self.config_maps.get(APP_CONFIG, {}).get(MAINTENANCE_MODE) == "true"

    def flag(self, name: str) -> bool:
        return self.config_maps.get(FEATURE_FLAGS, {}).get(name) == "true"


def now() -> str:
    return datetime.now(UTC).isoformat()


def load(path: Path) -> PlatformState:
    raw = json.loads(path.read_text())
    raw["history"] = [Event(**event) for event in raw.get("history", [])]
    return PlatformState(**raw)


def save(state: PlatformState, path: Path) -> None:
    """Write atomically: the app may read the file at any moment."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".platform-")
    with os.fdopen(handle, "w") as out:
        json.dump(asdict(state), out, indent=2)
    os.replace(temporary, path)


def patch_config_map(path: Path, name: str, data: dict[str, str], at: str | None = None) -> None:
    state = load(path)
    state.config_maps.setdefault(name, {}).update(data)
    state.history.append(Event(at or now(), "patch-configmap", {"name": name, "data": data}))
    save(state, path)


def set_image(path: Path, image: str, at: str | None = None) -> None:
    state = load(path)
    state.image = image
    state.history.append(Event(at or now(), "set-image", {"image": image}))
    save(state, path)


def scale(path: Path, replicas: int, available: int | None = None, at: str | None = None) -> None:
    state = load(path)
    state.replicas = replicas
    state.available_replicas = replicas if available is None else available
    state.history.append(Event(at or now(), "scale", {"replicas": replicas}))
    save(state, path)
