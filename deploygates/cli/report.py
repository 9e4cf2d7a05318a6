"""`deploygates report`: the stakeholders' report. Runs the gates into fresh Allure results (any pytest
arguments after `--`), then builds one offline HTML file with Allure 3 (classic UI, no analytics) whose
first screen is the verdict: its word and colour, the root causes in plain language, target, time and
commit, the measured values against their thresholds, and links into the Allure tree.

    deploygates report -- -m predeploy                  # run the gates, then build reports/html/index.html
    deploygates report --from reports/allure-results    # build only, from existing results

The verdict is the one the gates wrote beside their results (deploygates-verdict.json), else --verdict FILE.
Exit code: the gates' (their verdict's), or 3 when the report could not be built.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from deploygates import resources
from deploygates.reporting.landing import RESULTS_VERDICT, with_landing
from deploygates.reporting.verdict_file import VerdictFileError, read_verdict

CONFIG = resources.PACKAGE_DIR / "reporting" / "allurerc.mjs"
NOT_BUILT = 3
NETWORK = re.compile(r'googletagmanager|(src|href)="https?://')


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="source", type=Path, metavar="DIR",
                        help="build from these Allure results instead of running the gates")
    parser.add_argument("--results", type=Path, default=Path("reports/allure-results"),
                        help="where the gates write their Allure results (default reports/allure-results)")
    parser.add_argument("--verdict", type=Path, metavar="FILE",
                        help="the verdict.json of these results, when they do not carry their own "
                             "(results written by the gates do: deploygates-verdict.json)")
    parser.add_argument("--out", type=Path, default=Path(os.environ.get("REPORT_OUT") or "reports/html"),
                        help="the report's folder (default $REPORT_OUT, else reports/html)")
    parser.add_argument("pytest_args", nargs=argparse.REMAINDER, metavar="-- PYTEST ARGS",
                        help="arguments of the gate run, after --")


def allure() -> list[str] | None:
    """Allure 3 from the checkout's node_modules (npm ci), else from PATH."""
    local = Path("node_modules/.bin/allure")
    if local.is_file():
        return [str(local)]
    found = shutil.which("allure")
    return [found] if found else None


def environment(results: Path) -> dict[str, str]:
    """The run's environment.properties (target, hosts, commit, selection), as the gates wrote it."""
    try:
        lines = (results / "environment.properties").read_text().splitlines()
    except (OSError, UnicodeDecodeError):
        return {}
    return dict(line.split("=", 1) for line in lines if "=" in line)


def first_screen(page: Path, results: Path, verdict_file: Path | None) -> str | None:
    """Put the landing page into the built report; the problem in one line when there is no verdict."""
    try:
        verdict = read_verdict(verdict_file or results / RESULTS_VERDICT)
    except VerdictFileError as error:
        return f"no verdict for the first screen: {error} (or give --verdict FILE)"
    page.write_text(with_landing(page.read_text(), verdict, environment(results)))
    return None


def build(results: Path, out: Path, verdict_file: Path | None = None) -> int:
    command = allure()
    if command is None:
        print("deploygates report: Allure 3 is not installed: run `npm ci` in the checkout "
              "(or `npm install -g allure`)", file=sys.stderr)
        return NOT_BUILT
    shutil.rmtree(out, ignore_errors=True)
    history = os.environ.get("REPORT_HISTORY") or str(out.parent / "history.jsonl")
    env = {**os.environ, "ALLURE_NO_ANALYTICS": "true", "REPORT_OUTPUT": str(out), "REPORT_HISTORY": history}
    done = subprocess.run([*command, "generate", str(results), "--config", str(CONFIG), "--output", str(out)],
                          env=env, capture_output=True, text=True, check=False, timeout=600)
    page = out / "index.html"
    if done.returncode != 0 or not page.is_file():
        print(f"deploygates report: allure generate failed: {(done.stderr or done.stdout).strip()[-500:]}",
              file=sys.stderr)
        return NOT_BUILT
    problem = first_screen(page, results, verdict_file)
    if problem:
        print(f"deploygates report: {problem}", file=sys.stderr)
        return NOT_BUILT
    if NETWORK.search(page.read_text(errors="replace")):
        print(f"deploygates report: {page} loads something from the network", file=sys.stderr)
        return NOT_BUILT
    print(f"report: {page} ({page.stat().st_size // 1024} KiB)")
    return 0


def run(options: argparse.Namespace) -> int:
    status = 0
    results = options.source or options.results
    if options.source is None:
        shutil.rmtree(results, ignore_errors=True)  # cleaned here, not with --clean-alluredir (unsafe under xdist)
        arguments = options.pytest_args[1:] if options.pytest_args[:1] == ["--"] else options.pytest_args
        status = subprocess.run([sys.executable, "-m", "pytest", f"--alluredir={results}", *arguments],
                                check=False).returncode
    built = build(results, options.out, options.verdict)
    return built or status
