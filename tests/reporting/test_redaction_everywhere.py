"""Planted secrets in every input channel of a gate run: zero hits in every output it leaves behind.

Two runs: the sandbox (predeploy and postdeploy, the scratch server behind a password with spaces,
quotes, a backslash, @, :, % and non-ASCII letters) and production (a stand-in whose database role and
app URL carry such passwords: the URL's user information included, and whose validation script fails,
so that a traceback with its locals shows the connection string)."""

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
from tests.reporting.planted import PRODUCTION_PASSWORD, embedded, environment, hits, leaked, with_credentials
from tests.safety.production import start_production

RUNS = {"sandbox": "predeploy or postdeploy", "production": "migration or postdeploy"}


@dataclass(frozen=True)
class GateRun:
    workdir: Path  # junit.xml, allure/, reports/ (verdict.json), baselines/, terminal.txt
    exit_code: int


def run_gates(workdir: Path, env: dict[str, str], *arguments: str) -> GateRun:
    argv = [sys.executable, "-m", "pytest", "-c", str(PROJECT_ROOT / "pyproject.toml"),
            "--rootdir", str(PROJECT_ROOT), "--users", "300", "-p", "no:cacheprovider",
            f"--junitxml={workdir / 'junit.xml'}", f"--alluredir={workdir / 'allure'}",
            f"--reports-dir={workdir / 'reports'}", "-rA", "-vv", "--showlocals", *arguments,
            str(PROJECT_ROOT / "checks"), str(PROJECT_ROOT / "smoke")]
    (workdir / "baselines").mkdir()  # the recorded folder: predeploy writes into it, later phases read it
    done = subprocess.run(argv, cwd=workdir, env={**env, "GATE_RECORDED": str(workdir / "baselines")},
                          capture_output=True, text=True, timeout=1500, check=False)
    (workdir / "terminal.txt").write_text(done.stdout + done.stderr)
    build_html(workdir)
    return GateRun(workdir, done.returncode)


@pytest.fixture(scope="module", params=sorted(RUNS))
def gate_run(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[GateRun]:
    workdir = tmp_path_factory.mktemp(f"planted-{request.param}")
    server = start_server()
    try:
        env = {**os.environ, **environment(workdir, server.admin_dsn)}
        if request.param == "sandbox":
            yield run_gates(workdir, env, "-m", RUNS["sandbox"])
            return
        production = start_production(server, workdir, PRODUCTION_PASSWORD)
        env = {key: value for key, value in env.items() if key != "SANDBOX_DATABASE_URL"}
        env |= production.environment(production.gate_dsn)
        env["PRODUCTION_APP_URL"] = with_credentials(production.app.url)
        failing = workdir / "validate.sql"  # its gate fails with a traceback: --showlocals prints the DSN
        failing.write_text("SELECT 1 / 0;\n")
        try:
            yield run_gates(workdir, env, "-m", RUNS["production"], "--target", "production",
                            f"--validation={failing}")
        finally:
            production.app.stop()
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
    found = hits(target) if target.is_dir() else {artifact: leaked(target.read_text())}
    assert {name: betrayed for name, betrayed in found.items() if betrayed} == {}


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
