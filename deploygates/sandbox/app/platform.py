"""What the app reads from the sandbox platform state on every request (one stat when unchanged)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from deploygates.release import APP_CONFIG, FEATURE_FLAGS, MAINTENANCE_MODE, TARGET_IMAGE


@dataclass(frozen=True)
class PlatformView:
    raw: dict[str, Any]

    @property
    def image(self) -> str:
        return str(self.raw.get("image", ""))

    @property
    def organizational_release(self) -> bool:
        """The new application version (organizational-model-v1.0) is deployed."""
        return self.image == TARGET_IMAGE

    @property
    def maintenance(self) -> bool:
        return bool(self.raw.get("config_maps", {}).get(APP_CONFIG, {}).get(MAINTENANCE_MODE) == "true")

    @property
    def serving(self) -> bool:
        """Some replica is up; with none, the service has no endpoint (scaled to zero)."""
        return int(self.raw.get("available_replicas", 1)) > 0

    def flag(self, name: str) -> bool:
        return bool(self.raw.get("config_maps", {}).get(FEATURE_FLAGS, {}).get(name) == "true")
