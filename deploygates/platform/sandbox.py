"""The sandbox backend: the platform reads answered from the sandbox's platform state file.

The file (deploygates/platform/state_file.py) holds what Kubernetes would: the two ConfigMaps, the
deployment's image and replicas, and a timed history of every change. Pods, their metrics and logs
are derived from it the way the cluster would show them: one pod per desired replica, ready while
available, crash-looping when the state says so. The file is read on every call, so a gate sees the
state as it is when the gate runs.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from deploygates.platform.model import Condition, Deployment, FlagHistory, PlatformError, Pod, PodUsage, parse_time
from deploygates.platform.state_file import PlatformState, load
from deploygates.release import DEPLOYMENT, FEATURE_FLAGS, FLAGS

SANDBOX_CPU_MILLICORES = 25.0  # a quiet pod; the sandbox has no kubelet to measure one
SANDBOX_MEMORY_BYTES = 128 * 1024 * 1024


class SandboxPlatform:
    def __init__(self, path: Path) -> None:
        self.path = path

    def describe(self) -> str:
        return f"sandbox platform state {self.path}"

    def state(self) -> PlatformState:
        try:
            return load(self.path)
        except FileNotFoundError:
            raise PlatformError(f"the sandbox platform state {self.path} does not exist", fatal=True) from None
        except (OSError, ValueError, TypeError) as error:
            raise PlatformError(f"the sandbox platform state {self.path} is unreadable: {error}", fatal=True) from None

    def config_map(self, name: str) -> dict[str, str]:
        maps = self.state().config_maps
        if name not in maps:
            raise PlatformError(f"ConfigMap {name} not found in the sandbox platform state {self.path}")
        return dict(maps[name])

    def deployment(self) -> Deployment:
        state = self.state()
        desired, available = state.replicas, min(state.available_replicas, state.replicas)
        if desired < 0 or available < 0:
            raise PlatformError(f"deployment {DEPLOYMENT}: negative replicas in {self.path}")
        complete = available == desired
        return Deployment(
            image=state.image, desired=desired, updated=desired, available=available, ready=available,
            total=desired, generation=1, observed_generation=1,
            conditions=(
                Condition("Available", "True" if complete else "False",
                          "MinimumReplicasAvailable" if complete else "MinimumReplicasUnavailable"),
                Condition("Progressing", "True", "NewReplicaSetAvailable" if complete else "ReplicaSetUpdated"),
            ),
        )

    def pods(self) -> list[Pod]:
        state = self.state()
        crash_looping = min(state.crash_looping, state.replicas - state.available_replicas)
        pods = []
        for index in range(state.replicas):
            ready = index < state.available_replicas
            looping = index >= state.replicas - crash_looping
            waiting = "" if ready else "CrashLoopBackOff" if looping else "ContainerCreating"
            pods.append(Pod(f"{DEPLOYMENT}-sandbox-{index}", state.image, ready, 6 if looping else 0, waiting))
        return pods

    def pod_metrics(self) -> list[PodUsage]:
        return [PodUsage(pod.name, SANDBOX_CPU_MILLICORES, SANDBOX_MEMORY_BYTES) for pod in self.pods() if pod.ready]

    def logs(self, tail: int = 100) -> list[str]:
        """The sandbox's log is its change history, one line per change, oldest first."""
        history = self.state().history
        lines = [f"{event.at} {event.action} {json.dumps(event.detail, sort_keys=True)}" for event in history]
        return lines[-tail:]

    def flag_history(self) -> FlagHistory:
        state = self.state()
        enabled_at: dict[str, datetime] = {}
        for event in state.history:
            if event.action != "patch-configmap" or event.detail.get("name") != FEATURE_FLAGS:
                continue
            for flag, value in event.detail.get("data", {}).items():
                if value == "true":
                    enabled_at[flag] = datetime.fromisoformat(event.at)
                else:
                    enabled_at.pop(flag, None)
        silent = [flag for flag in FLAGS if state.flag(flag) and flag not in enabled_at]
        gap = f"the sandbox history has no change that enabled {', '.join(silent)}" if silent else ""
        return FlagHistory(enabled_at, f"sandbox platform history ({self.path.name})", gap)

    def deployed_at(self, image: str) -> tuple[datetime | None, str]:
        """The sandbox keeps a timed history: the time the image was set (step 4)."""
        events = [e for e in self.state().history if e.action == "set-image" and e.detail.get("image") == image]
        if events:
            return parse_time(events[-1].at), "sandbox platform history (step 4: set image)"
        return None, f"the sandbox platform history has no deployment of {image}"
