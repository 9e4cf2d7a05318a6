"""The gates run against the healthy sandbox (all pass) and against every fault (exactly its gates fail)."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest

from deploygates.verdict import EXIT_CODES
from tests.faults.catalog import Fault
from tests.faults.harness import not_passed, run_gates


def all_faults() -> list[Fault]:
    """Every FAULTS tuple of the modules in tests/faults/."""
    package = Path(__file__).parent
    found: list[Fault] = []
    for module in pkgutil.iter_modules([str(package)]):
        found += getattr(importlib.import_module(f"tests.faults.{module.name}"), "FAULTS", ())
    return found


CATALOG = all_faults()


@pytest.mark.parametrize("marker", ["predeploy", "postdeploy"])
def test_healthy_sandbox_passes_every_gate(gates: pytest.Pytester, marker: str) -> None:
    run = run_gates(gates, marker)
    assert run.outcomes, "no gate ran"
    assert {test: outcome for test, outcome in run.outcomes.items() if outcome != "passed"} == {}
    assert (run.verdict["verdict"], run.exit_code) == ("GO", 0), run.verdict["reason"]


@pytest.mark.parametrize("fault", CATALOG, ids=[f.name for f in CATALOG])
def test_fault_is_caught_by_exactly_its_gates(gates: pytest.Pytester, fault: Fault) -> None:
    run = run_gates(gates, fault.marker, *fault.build(gates.path))
    assert set(not_passed(run.outcomes)) == fault.caught_by, not_passed(run.outcomes)
    if fault.blocked is not None:
        assert {test for test, outcome in run.outcomes.items() if outcome == "blocked"} == fault.blocked
    if fault.verdict is not None:
        assert (run.verdict["verdict"], run.exit_code) == (fault.verdict, EXIT_CODES[fault.verdict]), \
            run.verdict["reason"]
