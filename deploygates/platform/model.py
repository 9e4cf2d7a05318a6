"""What the gates read from the platform, whichever backend answers: plain values, no client objects.

`Platform` is the interface both backends implement (Kubernetes through the official client, the
sandbox from its local state file). Every read either returns a value that makes sense or raises
`PlatformError` with one sentence an operator can act on; nothing is ever guessed or defaulted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol


class PlatformError(Exception):
    """A platform read failed or answered nonsense; the message says what and how to fix it.

    `fatal` marks failures that no other read can escape (API unreachable, timed out, bad
    credentials), so later reads fail at once instead of waiting for the same timeout again.
    """

    def __init__(self, message: str, *, fatal: bool = False) -> None:
        super().__init__(message)
        self.fatal = fatal


@dataclass(frozen=True)
class Condition:
    type: str
    status: str
    reason: str = ""
    message: str = ""


@dataclass(frozen=True)
class Deployment:
    image: str  # of the container `app`
    desired: int  # spec.replicas
    updated: int
    available: int
    ready: int
    total: int  # status.replicas: pods of every revision, old ones included
    generation: int
    observed_generation: int
    conditions: tuple[Condition, ...] = ()

    def condition(self, kind: str) -> Condition | None:
        return next((c for c in self.conditions if c.type == kind), None)

    def rollout_problems(self) -> list[str]:
        """Why `kubectl rollout status` would not report success yet (replica counts aside)."""
        problems = []
        if self.observed_generation < self.generation:
            problems.append(f"generation {self.generation} not observed yet (observed {self.observed_generation})")
        if self.total > self.updated:
            problems.append(f"{self.total - self.updated} replicas of the previous revision remain")
        progressing = self.condition("Progressing")
        if progressing is not None and progressing.reason == "ProgressDeadlineExceeded":
            problems.append(f"progress deadline exceeded: {progressing.message}")
        return problems


@dataclass(frozen=True)
class Pod:
    name: str
    image: str
    ready: bool
    restarts: int
    waiting_reason: str = ""  # e.g. CrashLoopBackOff, ImagePullBackOff, ContainerCreating

    @property
    def crash_looping(self) -> bool:
        return self.waiting_reason == "CrashLoopBackOff"


@dataclass(frozen=True)
class PodUsage:
    name: str
    cpu_millicores: float
    memory_bytes: int


@dataclass(frozen=True)
class FlagHistory:
    """When each feature flag was last switched on, as far as the platform remembers."""

    enabled_at: dict[str, datetime]  # flag → aware UTC time; a flag whose time is unknown is absent
    source: str  # where the times come from, for messages
    gap: str = ""  # why some time is unknown, and how to make it known next time


class Platform(Protocol):
    """The platform reads the gates need (runbook steps 1, 4, 5, 6, 8 and the rollbacks)."""

    def describe(self) -> str:
        """Where the answers come from, without credentials (for the report header and messages)."""
        ...

    def config_map(self, name: str) -> dict[str, str]:
        """The data of a ConfigMap; PlatformError if it does not exist."""
        ...

    def deployment(self) -> Deployment: ...

    def pods(self) -> list[Pod]:
        """The application's pods (label app=virtue-app)."""
        ...

    def pod_metrics(self) -> list[PodUsage]:
        """CPU and memory per application pod (metrics.k8s.io, what `kubectl top pods` shows)."""
        ...

    def logs(self, tail: int = 100) -> list[str]:
        """The last lines of every application pod's log."""
        ...

    def flag_history(self) -> FlagHistory:
        """When each feature flag was last switched on, where the platform keeps that history."""
        ...

    def deployed_at(self, image: str) -> tuple[datetime | None, str]:
        """When `image` went live, and where that comes from (or why it is unknown)."""
        ...


def parse_time(text: str) -> datetime:
    """An ISO 8601 time; without a zone it is UTC."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def same_image(actual: str, expected: str) -> bool:
    """`expected` without a registry (`virtue-app:tag`) matches the image from any registry; with one, exactly."""
    if actual == expected:
        return True
    return "/" not in expected and actual.rsplit("/", 1)[-1] == expected
