"""Running the gate suite in a subprocess, as an operator would, and reading what it reported."""

from __future__ import annotations

import json
import time
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.project import PROJECT_ROOT

FAULT_USERS = "300"


@dataclass(frozen=True)
class Run:
    outcomes: dict[str, str]  # per test id: passed, failure, error, blocked, skipped
    verdict: dict[str, Any]  # the nested run's verdict.json
    exit_code: int
    output: str = ""  # what the run printed (stdout and stderr)
    seconds: float = 0.0


def invoke(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    """The gate suite in a subprocess, with the checkout's configuration, from the pytester directory."""
    return pytester.runpytest_subprocess(
        "-c", str(PROJECT_ROOT / "pyproject.toml"), "--rootdir", str(PROJECT_ROOT), "-p", "no:cacheprovider",
        *args, str(PROJECT_ROOT / "checks"), str(PROJECT_ROOT / "smoke"))


def run_gates(pytester: pytest.Pytester, marker: str, *extra: str) -> Run:
    """Run the gate suite in a subprocess: outcome per test, its verdict.json and its exit code."""
    junit, reports = pytester.path / "junit.xml", pytester.path / "reports"
    started = time.monotonic()
    result = invoke(pytester, "-m", marker, "--users", FAULT_USERS, f"--junitxml={junit}",
                    f"--reports-dir={reports}", *extra)
    assert junit.exists(), result.stdout.str()[-3000:] + result.stderr.str()[-3000:]
    verdict = json.loads((reports / "verdict.json").read_text())
    return Run(outcomes(junit), verdict, int(result.ret), result.stdout.str() + result.stderr.str(),
               time.monotonic() - started)


def outcomes(junit: Path) -> dict[str, str]:
    """Per test: passed, failure, error, blocked (skipped because an earlier step failed) or skipped."""
    found: dict[str, str] = {}
    for case in ElementTree.parse(junit).getroot().iter("testcase"):
        module = case.get("classname", "").replace(".", "/") + ".py"
        child = next((child for child in case if child.tag in ("failure", "error", "skipped")), None)
        verdict = "passed" if child is None else child.tag
        if verdict == "skipped" and "blocked by" in (child.get("message", "") if child is not None else ""):
            verdict = "blocked"
        found[f"{module}::{case.get('name')}"] = verdict
    return found


def not_passed(results: dict[str, str]) -> dict[str, str]:
    """The gates that did not pass for a reason of their own: the root causes (blocked ones defer to them)."""
    return {test: outcome for test, outcome in results.items() if outcome not in ("passed", "blocked")}
