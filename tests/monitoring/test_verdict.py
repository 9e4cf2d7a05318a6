"""The verdict: per-gate mapping, precedence, the rollback procedure, and the plugin under xdist."""

import json
from datetime import UTC, datetime, timedelta

import pytest

from deploygates.verdict import EXIT_CODES, ItemResult, combine, procedure

PLUGINS = 'pytest_plugins = ["fixtures.plugin"]\n'
GATES = '''import pytest
from deploygates.errors import inconclusive

pytestmark = pytest.mark.postdeploy

@pytest.mark.runbook("UX-1")
def test_passes():
    pass

@pytest.mark.runbook("RBCONS-2")
@pytest.mark.trigger("consider_rollback")
def test_consider():
    assert False, "API response times 6 s"

@pytest.mark.runbook("STEP7-1")
def test_hold():
    assert False

@pytest.mark.runbook("RBNOW-5")
@pytest.mark.trigger("rollback_now")
def test_unchecked_trigger():
    inconclusive("the test account cannot sign in")
'''
NOW = datetime(2025, 1, 1, 12, tzinfo=UTC)


@pytest.mark.parametrize(("outcome", "trigger", "stated", "verdict"), [
    ("passed", "", "", "GO"), ("failed", "", "", "HOLD"), ("failed", "rollback_now", "", "ROLLBACK_NOW"),
    ("failed", "consider_rollback", "", "CONSIDER_ROLLBACK"),
    ("failed", "rollback_now", "INCONCLUSIVE", "INCONCLUSIVE"), ("error", "rollback_now", "", "HOLD"),
    ("error", "", "INCONCLUSIVE", "INCONCLUSIVE"), ("blocked", "rollback_now", "", "BLOCKED"),
    ("skipped", "", "", "INCONCLUSIVE"), ("not run", "", "", "INCONCLUSIVE"),
])
def test_a_gates_verdict(outcome: str, trigger: str, stated: str, verdict: str) -> None:
    assert ItemResult("t", trigger=trigger, outcome=outcome, stated=stated).verdict == verdict


def test_precedence() -> None:
    assert [combine(["GO", "HOLD", "INCONCLUSIVE"]), combine(["HOLD", "CONSIDER_ROLLBACK", "INCONCLUSIVE"]),
            combine(["CONSIDER_ROLLBACK", "ROLLBACK_NOW"]), combine([])] == [
        "INCONCLUSIVE", "CONSIDER_ROLLBACK", "ROLLBACK_NOW", "INCONCLUSIVE"]


@pytest.mark.parametrize(("minutes", "kind", "first"), [(40, "Emergency Rollback", "RBEMERG-1"),
                                                         (90, "Planned Rollback", "RBPLAN-1")])
def test_the_rollback_procedure_depends_on_the_time_since_the_deployment(minutes: int, kind: str, first: str) -> None:
    found = procedure("ROLLBACK_NOW", NOW - timedelta(minutes=minutes), NOW, "history")
    assert (found["procedure"].split(" (")[0], found["steps"][0]["runbook"]) == (kind, first)


def test_an_unknown_deployment_time_says_how_to_give_it() -> None:
    assert "--deployed-at" in procedure("CONSIDER_ROLLBACK", None, NOW, "no history")["procedure"]


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeconftest(PLUGINS)
    pytester.makeini("[pytest]\nmarkers =\n    predeploy\n    migration\n    deployment\n    postdeploy\n"
                     "    rollback\n    destructive\n    signoff\n    runbook(id)\n    trigger(kind)\n")
    (pytester.mkdir("checks") / "test_gates.py").write_text(GATES)
    return pytester


@pytest.mark.parametrize("workers", [[], ["-n", "2"]], ids=["one process", "xdist"])
def test_the_plugin_writes_the_verdict_and_exits_with_its_code(project: pytest.Pytester, workers: list[str]) -> None:
    result = project.runpytest_subprocess("--rootdir", str(project.path), f"--reports-dir={project.path / 'out'}",
                                          "-p", "no:cacheprovider", *workers, "checks")
    verdict = json.loads((project.path / "out" / "verdict.json").read_text())
    assert (verdict["verdict"], result.ret) == ("CONSIDER_ROLLBACK", EXIT_CODES["CONSIDER_ROLLBACK"])
    assert {i["nodeid"].rsplit("::")[-1]: i["verdict"] for i in verdict["items"]} == {
        "test_passes": "GO", "test_consider": "CONSIDER_ROLLBACK", "test_hold": "HOLD",
        "test_unchecked_trigger": "INCONCLUSIVE"}
    assert result.outlines[-1].startswith("verdict: CONSIDER_ROLLBACK (1 of 4 gates: test_consider)")
