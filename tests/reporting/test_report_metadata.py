"""environment.properties and categories.json for the Allure report; the verdict line categories match."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from deploygates.reporting.metadata import write_metadata
from deploygates.resources import CATEGORIES_FILE as CATEGORIES
from deploygates.secrets import register_secret
from deploygates.verdict import gate_verdict
from tests.project import PROJECT_ROOT


def test_environment_properties_never_carry_a_registered_secret(tmp_path: Path) -> None:
    """A value holding a secret is written masked."""
    register_secret("PlantedPropertyPw-41c9")
    write_metadata(tmp_path, {"database.host": "db:5432 PlantedPropertyPw-41c9"})
    assert "PlantedPropertyPw" not in (tmp_path / "environment.properties").read_text()


def test_categories_are_the_runbook_s_five(tmp_path: Path) -> None:
    """The template names Immediate rollback, Consider rollback, Gate failed, Environment problem, Inconclusive."""
    names = {category["name"] for category in json.loads(CATEGORIES.read_text())}
    assert names == {"Immediate rollback", "Consider rollback", "Gate failed", "Environment problem", "Inconclusive"}


@pytest.mark.parametrize(("trigger", "stated", "expected"), [
    ("rollback_now", "", "ROLLBACK_NOW"), ("consider_rollback", "", "CONSIDER_ROLLBACK"),
    ("", "", "HOLD"), ("rollback_now", "INCONCLUSIVE", "INCONCLUSIVE"),
])
def test_gate_verdict_line(trigger: str, stated: str, expected: str) -> None:
    """A failure's first line names its verdict: stated by the test, else its trigger's, else HOLD."""
    assert gate_verdict("failed", stated, trigger) == expected


def test_immediate_rollback_category_matches_the_verdict_line() -> None:
    """Allure's Java regex (whole-trace match) of 'Immediate rollback' matches a ROLLBACK_NOW trace."""
    category = json.loads(CATEGORIES.read_text())[0]
    assert re.fullmatch(category["traceRegex"], "assert 500 == 200\n--- verdict ---\ngate verdict: ROLLBACK_NOW\n")


def test_under_xdist_the_controller_writes_the_metadata(tmp_path: Path) -> None:
    """With -n 2 the results folder still gets environment.properties and categories.json (from the controller)."""
    (tmp_path / "checks").mkdir()
    (tmp_path / "checks" / "test_gate.py").write_text(
        'import pytest\n\n\n@pytest.mark.predeploy\n@pytest.mark.runbook("ENV-1")\n'
        'def test_gate():\n    """A gate."""\n')
    argv = [sys.executable, "-m", "pytest", "-p", "fixtures.plugin", "-p", "no:cacheprovider", "-n", "2",
            f"--alluredir={tmp_path / 'results'}", f"--reports-dir={tmp_path / 'reports'}", "checks"]
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    subprocess.run(argv, cwd=tmp_path, capture_output=True, timeout=120, check=True, env=env)
    assert {"environment.properties", "categories.json"} <= {p.name for p in (tmp_path / "results").iterdir()}
