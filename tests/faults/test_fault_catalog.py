"""The gates run against the healthy sandbox (all pass) and against every fault (exactly its gates fail)."""

from __future__ import annotations

import importlib
import json
import pkgutil
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from deploygates.migration.files import resolve_sources
from deploygates.postgres import Server, start_server
from deploygates.records import save_rehearsed
from deploygates.verdict import EXIT_CODES
from tests.faults.catalog import Fault
from tests.project import PROJECT_ROOT


def all_faults() -> list[Fault]:
    """Every FAULTS tuple of the modules in tests/faults/."""
    package = Path(__file__).parent
    found: list[Fault] = []
    for module in pkgutil.iter_modules([str(package)]):
        found += getattr(importlib.import_module(f"tests.faults.{module.name}"), "FAULTS", ())
    return found


CATALOG = all_faults()

FAULT_USERS = "300"


@pytest.fixture(scope="session")
def shared_server() -> Iterator[Server]:
    """One server for every nested run, so the pre-migration template is built once."""
    server = start_server()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def shared_baselines(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One baseline folder for every nested run, so the sandbox's "before" is captured once. It holds the
    reference scripts' rehearsal record from the start, so the window's checksum gates compare with the same
    record whichever run came first (a GO of the healthy predeploy run writes the same one again)."""
    folder = tmp_path_factory.mktemp("baselines")
    save_rehearsed(folder, resolve_sources(), {"target": "sandbox", "verdict": "GO"})
    return folder


@pytest.fixture
def gates(
    pytester: pytest.Pytester, shared_server: Server, shared_baselines: Path, monkeypatch: pytest.MonkeyPatch
) -> pytest.Pytester:
    monkeypatch.setenv("SANDBOX_DATABASE_URL", shared_server.admin_dsn)
    monkeypatch.setenv("GATE_RECORDED", str(shared_baselines))
    return pytester


@dataclass(frozen=True)
class Run:
    outcomes: dict[str, str]  # per test id: passed, failed, error, skipped
    verdict: dict[str, Any]  # the nested run's verdict.json
    exit_code: int


def run_gates(pytester: pytest.Pytester, marker: str, *extra: str) -> Run:
    """Run the gate suite in a subprocess: outcome per test, its verdict.json and its exit code."""
    junit, reports = pytester.path / "junit.xml", pytester.path / "reports"
    result = pytester.runpytest_subprocess(
        "-c", str(PROJECT_ROOT / "pyproject.toml"), "--rootdir", str(PROJECT_ROOT),
        "-m", marker, "--users", FAULT_USERS, f"--junitxml={junit}", "-p", "no:cacheprovider",
        f"--reports-dir={reports}", *extra, str(PROJECT_ROOT / "checks"), str(PROJECT_ROOT / "smoke"),
    )
    assert junit.exists(), result.stdout.str()[-3000:] + result.stderr.str()[-3000:]
    verdict = json.loads((reports / "verdict.json").read_text())
    return Run(outcomes(junit), verdict, int(result.ret))


def outcomes(junit: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for case in ElementTree.parse(junit).getroot().iter("testcase"):
        module = case.get("classname", "").replace(".", "/") + ".py"
        verdict = next((child.tag for child in case if child.tag in ("failure", "error", "skipped")), "passed")
        found[f"{module}::{case.get('name')}"] = verdict
    return found


def not_passed(results: dict[str, str]) -> dict[str, str]:
    return {test: outcome for test, outcome in results.items() if outcome != "passed"}


@pytest.mark.parametrize("marker", ["predeploy", "postdeploy"])
def test_healthy_sandbox_passes_every_gate(gates: pytest.Pytester, marker: str) -> None:
    run = run_gates(gates, marker)
    assert run.outcomes, "no gate ran"
    assert not_passed(run.outcomes) == {}
    assert (run.verdict["verdict"], run.exit_code) == ("GO", 0), run.verdict["reason"]


@pytest.mark.parametrize("fault", CATALOG, ids=[f.name for f in CATALOG])
def test_fault_is_caught_by_exactly_its_gates(gates: pytest.Pytester, fault: Fault) -> None:
    run = run_gates(gates, fault.marker, *fault.build(gates.path))
    assert set(not_passed(run.outcomes)) == fault.caught_by, not_passed(run.outcomes)
    if fault.verdict is not None:
        assert (run.verdict["verdict"], run.exit_code) == (fault.verdict, EXIT_CODES[fault.verdict]), \
            run.verdict["reason"]
