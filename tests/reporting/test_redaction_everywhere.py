"""Planted secrets in every input channel of a gate run: zero hits in every output it leaves behind."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from deploygates.postgres import start_server
from tests.project import PROJECT_ROOT
from tests.reporting.planted import SECRETS, embedded, environment, hits

MARKERS = "predeploy or postdeploy"


@dataclass(frozen=True)
class GateRun:
    workdir: Path  # junit.xml, allure/, reports/ (verdict.json), baselines/, terminal.txt
    exit_code: int


@pytest.fixture(scope="module")
def gate_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GateRun]:
    workdir = tmp_path_factory.mktemp("planted")
    server = start_server()
    try:
        env = {**os.environ, **environment(workdir, server.admin_dsn), "GATE_RECORDED": str(workdir / "baselines")}
        argv = [sys.executable, "-m", "pytest", "-c", str(PROJECT_ROOT / "pyproject.toml"),
                "--rootdir", str(PROJECT_ROOT), "-m", MARKERS, "--users", "300", "-p", "no:cacheprovider",
                f"--junitxml={workdir / 'junit.xml'}", f"--alluredir={workdir / 'allure'}",
                f"--reports-dir={workdir / 'reports'}", "-rA", "-vv", "--showlocals",
                str(PROJECT_ROOT / "checks"), str(PROJECT_ROOT / "smoke")]
        done = subprocess.run(argv, cwd=workdir, env=env, capture_output=True, text=True, timeout=1500, check=False)
        (workdir / "terminal.txt").write_text(done.stdout + done.stderr)
        build_html(workdir)
        yield GateRun(workdir, done.returncode)
    finally:
        server.stop()


def build_html(workdir: Path) -> None:
    """`deploygates report --from` the run's results into html/; its embedded data decoded beside it for the scan."""
    env = {**os.environ, "REPORT_OUT": str(workdir / "html"), "REPORT_HISTORY": str(workdir / "history.jsonl")}
    subprocess.run([sys.executable, "-m", "deploygates", "report", "--from", str(workdir / "allure")], env=env,
                   cwd=PROJECT_ROOT, capture_output=True, timeout=600, check=True)
    (workdir / "html" / "embedded.txt").write_text(embedded(workdir / "html" / "index.html"))


def test_the_nested_run_left_every_artifact(gate_run: GateRun) -> None:
    """The run wrote JUnit XML, Allure results and verdict.json (else a scan of nothing proves nothing)."""
    expected = ["junit.xml", "reports/verdict.json", "terminal.txt"]
    present = [name for name in expected if (gate_run.workdir / name).exists()]
    results = len(list((gate_run.workdir / "allure").glob("*-result.json")))
    assert (present, results > 0) == (expected, True), (gate_run.workdir / "terminal.txt").read_text()[-3000:]


@pytest.mark.parametrize("artifact", ["terminal.txt", "junit.xml", "allure", "reports", "baselines", "html"])
def test_no_planted_secret_in_artifact(gate_run: GateRun, artifact: str) -> None:
    """No planted secret in the terminal output, JUnit XML, Allure results, verdict.json, baselines or HTML."""
    target = gate_run.workdir / artifact
    found = hits(target) if target.is_dir() else {artifact: [s for s in SECRETS if s in target.read_text()]}
    assert {name: leaked for name, leaked in found.items() if leaked} == {}


def test_allure_results_carry_runbook_labels(gate_run: GateRun) -> None:
    """Every gate's Allure result names its runbook epic, feature, story and a severity."""
    results = [json.loads(p.read_text()) for p in (gate_run.workdir / "allure").glob("*-result.json")]
    missing = [r["fullName"] for r in results
               if not {"epic", "feature", "story", "severity"} <= {label["name"] for label in r["labels"]}]
    assert (len(results) > 0, missing) == (True, [])


def test_the_controller_wrote_report_metadata(gate_run: GateRun) -> None:
    """environment.properties and categories.json are in the Allure results folder."""
    written = {path.name for path in (gate_run.workdir / "allure").iterdir()}
    assert {"categories.json", "environment.properties"} - written == set()
