"""The platform gates, run as an operator runs them, against the recorded Kubernetes API.

Each test runs the gate suite in a subprocess with `--platform kubernetes --kubeconfig FILE`, the
kubeconfig pointing at tests/platform/apiserver.py in one scenario of the night; the database side
is the sandbox's. Every phase passes in its own scenario, and a 403 fails every platform gate.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from deploygates.postgres import Server, start_server
from tests.platform.apiserver import RecordedApiServer, write_kubeconfig
from tests.project import PROJECT_ROOT

CHECKS = PROJECT_ROOT / "checks"
PREDEPLOY = [CHECKS / "predeploy" / "test_technical_prerequisites.py"]
DEPLOYMENT = [CHECKS / "deployment" / "test_deploy_application.py", CHECKS / "deployment" / "test_enable_features.py"]
PREVIOUS = "registry.virtue.dev/virtue-app:previous-stable"
Gates = Callable[..., dict[str, tuple[str, str]]]


@pytest.fixture(scope="module")
def database_server() -> Iterator[Server]:
    server = start_server()
    yield server
    server.stop()


@pytest.fixture
def run(pytester: pytest.Pytester, database_server: Server, monkeypatch: pytest.MonkeyPatch) -> Iterator[Gates]:
    monkeypatch.setenv("SANDBOX_DATABASE_URL", database_server.admin_dsn)
    api = RecordedApiServer().start()

    def gates(scenario: str, marker: str, files: list[Path], *extra: str) -> dict[str, tuple[str, str]]:
        api.scenario = scenario
        junit, kubeconfig = pytester.path / "junit.xml", write_kubeconfig(pytester.path / "kubeconfig", api)
        result = pytester.runpytest_subprocess(
            "-c", str(PROJECT_ROOT / "pyproject.toml"), "--rootdir", str(PROJECT_ROOT), "-m", marker,
            "--users", "300", "--platform", "kubernetes", "--kubeconfig", str(kubeconfig), "--kube-timeout", "2",
            f"--junitxml={junit}", "-p", "no:cacheprovider", *extra, *map(str, files),
        )
        assert junit.exists(), result.stdout.str()[-3000:] + result.stderr.str()[-3000:]
        return outcomes(junit)

    yield gates
    api.stop()


def outcomes(junit: Path) -> dict[str, tuple[str, str]]:
    found = {}
    for case in ElementTree.parse(junit).getroot().iter("testcase"):
        verdict = next((child for child in case if child.tag in ("failure", "error", "skipped")), None)
        found[case.get("name", "")] = ("passed", "") if verdict is None else (verdict.tag, verdict.get("message", ""))
    return found


def failed(results: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    return {name: outcome for name, outcome in results.items() if outcome[0] != "passed"}


def test_predeploy_passes_and_records_the_registry_image(run: Gates, pytester: pytest.Pytester) -> None:
    record = pytester.path / "recorded" / "sandbox" / "platform.json"
    results = run("predeploy", "predeploy and not destructive", PREDEPLOY,
                  "--recorded", str(pytester.path / "recorded"))
    assert (failed(results), json.loads(record.read_text())["image"]) == ({}, PREVIOUS)


def test_phase1_passes_in_the_window(run: Gates) -> None:
    results = run("in-window", "migration", [CHECKS / "migration" / "test_enable_maintenance_mode.py"])
    assert results
    assert failed(results) == {}


def test_phase2_passes_after_the_deployment(run: Gates) -> None:
    results = run("deployed", "deployment", DEPLOYMENT)
    assert len(results) == 12
    assert failed(results) == {}


def test_rollback_passes_back_on_the_recorded_image(run: Gates, pytester: pytest.Pytester) -> None:
    record = pytester.path / "recorded" / "sandbox" / "platform.json"
    record.parent.mkdir(parents=True)
    record.write_text(json.dumps({"image": PREVIOUS, "replicas": 3, "recorded_at": "2025-01-03T21:40:00+00:00",
                                  "platform": "recorded"}))
    results = run("rolled-back", "rollback", [CHECKS / "rollback" / "test_rollback_platform.py"],
                  "--recorded", str(pytester.path / "recorded"))
    assert results
    assert failed(results) == {}


def test_plain_kubectl_patch_leaves_the_flag_order_unverifiable(run: Gates) -> None:
    results = failed(run("deployed-plain-kubectl-patch", "deployment", DEPLOYMENT))
    assert sorted(results) == [
        "test_feature_flag_enabled_after_previous[ORGANIZATIONAL_COACH-after-ORGANIZATIONAL_ADMIN]",
        "test_feature_flag_enabled_after_previous[ORGANIZATIONAL_MODEL-after-ORGANIZATIONAL_COACH]",
    ]


def test_forbidden_fails_every_platform_gate_with_the_403(run: Gates) -> None:
    results = run("forbidden", "deployment", DEPLOYMENT)
    assert {verdict for verdict, _ in results.values()} == {"failure"}
    assert all("(403): grant the gates' service account" in message for _, message in results.values())


TOP_PODS = [CHECKS / "postdeploy" / "test_performance_monitoring.py"]


def test_top_pods_reads_every_pod_after_the_deployment(run: Gates) -> None:
    assert failed(run("deployed", "postdeploy", TOP_PODS)) == {}


def test_top_pods_fails_without_a_metrics_server(run: Gates) -> None:
    results = failed(run("deployed-no-metrics-server", "postdeploy", TOP_PODS))
    assert list(results) == ["test_every_application_pod_reports_its_usage"]
