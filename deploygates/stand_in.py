"""A local stand-in for the target's application: what the gates need of it on `--target sandbox`.

The suite gates real targets through their database, their HTTP API and Kubernetes. On the sandbox those
are simulated; the simulator lives in its own package and is reached through this protocol alone, chosen
by name the way pytest-testinfra chooses its backends, so nothing that gates a real target depends on it.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

from deploygates.processes import Service

STAND_INS = {"sandbox": "deploygates.sandbox.stand_in.SandboxStandIn"}


class StandInError(ValueError):
    """A stand-in setting is malformed (a fault knob, say); the message names it."""


class StandIn(Protocol):
    def knobs(self, spec: str | None) -> str | None:
        """The fault knobs checked (inline JSON, or a file made absolute); StandInError when malformed."""
        ...

    def knob_config_maps(self, spec: str | None) -> Mapping[str, Mapping[str, str]]:
        """ConfigMaps the knobs leave wrong after the deploy (applied to the platform state, not the app)."""
        ...

    def start_app(self, database_url: str, platform_state: Path, knobs: str | None, workdir: Path) -> Service:
        """The application, serving the database and reading the platform state, until stopped."""
        ...

    def content_key(self) -> str:
        """Changes whenever the stand-in's app or the queries behind a recording change."""
        ...


def stand_in(name: str) -> StandIn:
    module, _, cls = STAND_INS[name].rpartition(".")
    found: StandIn = getattr(importlib.import_module(module), cls)()
    return found
