"""`deploygates report` builds one offline HTML file from Allure results."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.project import PROJECT_ROOT
from tests.reporting.planted import embedded

PASSING = 'def test_runbook_item_holds():\n    """The runbook item holds."""\n'
FAILING_GATE = ('import pytest\n\n\n@pytest.mark.predeploy\n@pytest.mark.runbook("ENV-1")\n'
                'def test_gate_fails():\n    """A gate."""\n    assert 1 == 2\n')


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    workdir = tmp_path_factory.mktemp("html")
    (workdir / "test_item.py").write_text(PASSING)
    (workdir / "checks").mkdir()
    (workdir / "checks" / "test_gate.py").write_text(FAILING_GATE)
    plugins = ["-p", "fixtures.plugin", "-p", "no:cacheprovider", f"--reports-dir={workdir / 'reports'}"]
    subprocess.run([sys.executable, "-m", "pytest", *plugins, f"--alluredir={workdir / 'results'}", "test_item.py",
                    "checks"], cwd=workdir, capture_output=True, timeout=120, check=False)
    env = {**os.environ, "REPORT_OUT": str(workdir / "html"), "REPORT_HISTORY": str(workdir / "history.jsonl")}
    subprocess.run([sys.executable, "-m", "deploygates", "report", "--from", str(workdir / "results")], env=env,
                   cwd=PROJECT_ROOT, capture_output=True, timeout=600, check=True)
    return workdir / "html" / "index.html"


def test_the_report_is_one_html_file_with_the_results_inside(built: Path) -> None:
    """index.html embeds the results (the test's name is in it): nothing beside it is needed."""
    assert "test_runbook_item_holds" in embedded(built)


def test_the_report_loads_nothing_from_the_network(built: Path) -> None:
    """No analytics script and no script, style or image from another host."""
    assert re.findall(r'googletagmanager|(?:src|href)="https?://[^"]*"', built.read_text()) == []


def test_a_failed_gate_is_filed_under_gate_failed(built: Path) -> None:
    """categories.json travels with the results: the failed gate's category is 'Gate failed'."""
    assert '"name":"Gate failed"' in embedded(built)
