"""The rollback target: recorded before the window, read after a rollback, never guessed."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from unittest.mock import patch

import pytest

from deploygates.errors import Blocked, Unmeasured
from deploygates.platform import rollback_target as baseline
from deploygates.platform.model import Deployment, PlatformError
from deploygates.secrets import register_secret
from fixtures.platform import GatePlatform

RUNNING = Deployment("registry.example/virtue-app:previous-stable", 3, 3, 3, 3, 3, 4, 4)


def test_recorded_target_reads_back(tmp_path: Path) -> None:
    recorded = baseline.record(tmp_path / "production-platform.json", RUNNING, "recorded")
    assert baseline.read(tmp_path / "production-platform.json", "production") == recorded


def test_a_missing_record_names_the_command_that_makes_it(tmp_path: Path) -> None:
    command = r"pytest -m \"predeploy and not destructive\" --target production"
    with pytest.raises(baseline.RollbackTargetError, match=command):
        baseline.read(tmp_path / "absent.json", "production")


def test_a_record_without_image_is_refused(tmp_path: Path) -> None:
    (tmp_path / "p.json").write_text('{"image": "", "replicas": 3, "recorded_at": "x", "platform": "y"}')
    with pytest.raises(baseline.RollbackTargetError, match="holds no image"):
        baseline.read(tmp_path / "p.json", "staging")


def a_run() -> Any:
    """A session of its own: what one run remembers of its failures is not another's."""
    return SimpleNamespace(stash=pytest.Stash())


class Unreachable:
    calls = 0

    def deployment(self) -> Deployment:
        self.calls += 1
        raise PlatformError("the Kubernetes API of context prod is unreachable (token s3cr3t-t0ken)", fatal=True)


def test_after_a_fatal_error_later_reads_are_blocked_by_the_first() -> None:
    """The first read is INCONCLUSIVE (unreachable); later reads do not wait again: blocked by the first."""
    backend = Unreachable()
    gate = GatePlatform(a_run(), backend)  # type: ignore[arg-type]
    with pytest.raises(Unmeasured, match="unreachable"):
        gate.deployment()
    with pytest.raises(Blocked, match="unreachable"), patch.dict(os.environ, {"PYTEST_CURRENT_TEST": "a later gate"}):
        gate.deployment()
    assert backend.calls == 1


def test_a_failure_message_is_redacted() -> None:
    register_secret("s3cr3t-t0ken")
    with pytest.raises(Unmeasured) as raised:
        GatePlatform(a_run(), Unreachable()).deployment()  # type: ignore[arg-type]
    assert "s3cr3t-t0ken" not in str(raised.value)
