"""The gates run against the healthy sandbox (all pass) and against every fault (exactly its gates fail)."""

from __future__ import annotations

import importlib
import pkgutil
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from pathlib import Path

import pytest

from fixtures import paths
from fixtures.postgres import Server, start_server
from tests.faults.catalog import Fault


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


@pytest.fixture
def gates(pytester: pytest.Pytester, shared_server: Server, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    monkeypatch.setenv("SANDBOX_DATABASE_URL", shared_server.admin_dsn)
    return pytester


def run_gates(pytester: pytest.Pytester, marker: str, *extra: str) -> dict[str, str]:
    """Run the gate suite in a subprocess; outcome per test id (passed, failed, error, skipped)."""
    junit = pytester.path / "junit.xml"
    result = pytester.runpytest_subprocess(
        "-c", str(paths.PROJECT_ROOT / "pyproject.toml"), "--rootdir", str(paths.PROJECT_ROOT),
        "-m", marker, "--users", FAULT_USERS, f"--junitxml={junit}", "-p", "no:cacheprovider",
        *extra, str(paths.PROJECT_ROOT / "checks"),
    )
    assert junit.exists(), result.stdout.str()[-3000:] + result.stderr.str()[-3000:]
    return outcomes(junit)


def outcomes(junit: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for case in ElementTree.parse(junit).getroot().iter("testcase"):
        module = case.get("classname", "").replace(".", "/") + ".py"
        verdict = next((child.tag for child in case if child.tag in ("failure", "error", "skipped")), "passed")
        found[f"{module}::{case.get('name')}"] = verdict
    return found


def not_passed(results: dict[str, str]) -> dict[str, str]:
    return {test: outcome for test, outcome in results.items() if outcome != "passed"}


def test_healthy_sandbox_passes_every_predeploy_gate(gates: pytest.Pytester) -> None:
    results = run_gates(gates, "predeploy")
    assert results, "no gate ran"
    assert not_passed(results) == {}


@pytest.mark.parametrize("fault", CATALOG, ids=[f.name for f in CATALOG])
def test_fault_is_caught_by_exactly_its_gates(gates: pytest.Pytester, fault: Fault) -> None:
    results = run_gates(gates, fault.marker, *fault.build(gates.path))
    assert set(not_passed(results)) == fault.caught_by, not_passed(results)
