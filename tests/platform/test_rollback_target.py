"""The rollback target: recorded before the window, read after a rollback, never guessed."""

from __future__ import annotations

from pathlib import Path

import pytest

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


class Unreachable:
    calls = 0

    def deployment(self) -> Deployment:
        self.calls += 1
        raise PlatformError("the Kubernetes API of context prod is unreachable (token s3cr3t-t0ken)", fatal=True)


def test_after_a_fatal_error_later_reads_fail_at_once() -> None:
    backend = Unreachable()
    gate = GatePlatform(backend)  # type: ignore[arg-type]
    for _ in range(2):
        with pytest.raises(pytest.fail.Exception, match="unreachable"):
            gate.deployment()
    assert backend.calls == 1


def test_a_failure_message_is_redacted() -> None:
    register_secret("s3cr3t-t0ken")
    with pytest.raises(pytest.fail.Exception) as raised:
        GatePlatform(Unreachable()).deployment()  # type: ignore[arg-type]
    assert "s3cr3t-t0ken" not in str(raised.value)
