"""The rollback procedure verdict.json and the report print: the runbook's, corrected where the suite's own
rollback gates contradict it, and with the measured value that triggered it."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from deploygates.release import FEATURE_FLAGS, FLAGS
from deploygates.verdict import ItemResult, document, procedure

NOW = datetime(2026, 12, 5, 23, 0, tzinfo=UTC)
KINDS = {"emergency": NOW - timedelta(minutes=20), "planned": NOW - timedelta(hours=3)}
LOGIN = ItemResult("checks/postdeploy/test_monitoring_checkpoints.py::test_checkpoint_holds[login-failure-rate]",
                   title="User login failure rate", runbook=("RBNOW-1",), trigger="rollback_now", outcome="failed",
                   stated="ROLLBACK_NOW", evidence={"row": "login-failure-rate", "value": 0.19, "unit": "ratio",
                                                    "samples": 300, "thresholds": "rollback > 10.00 %"})


def commands(kind: str) -> list[str]:
    return [step["command"] for step in procedure("ROLLBACK_NOW", KINDS[kind], NOW, "history")["steps"]]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_organizational_flag_is_turned_off(kind: str) -> None:
    """Both procedures switch off all three flags (the runbook: one flag, or none in the planned rollback)."""
    (patch,) = [command for command in commands(kind) if FEATURE_FLAGS in command]
    assert json.loads(patch.split("--patch ", 1)[1].strip("'"))["data"] == dict.fromkeys(FLAGS, "false")


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_rollback_is_verified_by_the_rollback_gates(kind: str) -> None:
    """The last step runs the suite's rollback gates; the migration validator (which must fail) is not run."""
    found = commands(kind)
    assert (found[-1], [c for c in found if "validate_production_migration" in c]) == (
        "pytest -m rollback --target production", [])


def test_the_database_rollback_stops_at_its_first_error() -> None:
    """psql runs the rollback script under test with ON_ERROR_STOP (the runbook's `psql -f` exits 0 after errors)."""
    found = procedure("ROLLBACK_NOW", KINDS["emergency"], NOW, "history", rollback_file="our_rollback.sql")
    assert 'psql "$PRODUCTION_DATABASE_URL" -v ON_ERROR_STOP=1 -f our_rollback.sql' in [
        step["command"] for step in found["steps"]]


def test_the_measured_value_that_triggered_it_is_named() -> None:
    """verdict.json's procedure says what was measured against which level."""
    found = document([LOGIN], {}, (KINDS["emergency"], "history"), NOW)["recommended"]["triggered_by"]
    assert found == ["User login failure rate: 19.00 % from 300 samples against rollback > 10.00 %"]


def test_an_unknown_deployment_time_assumes_the_emergency_rollback() -> None:
    """Without the deployment time the emergency steps are given, and how to have the choice made."""
    found = procedure("ROLLBACK_NOW", None, NOW, "no history")
    assert (found["steps"][0]["runbook"], "--deployed-at" in found["procedure"]) == ("RBEMERG-1", True)
