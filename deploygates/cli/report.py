"""`deploygates report`: the stakeholders' report. Runs the gates into fresh Allure results (any pytest
arguments after `--`), then builds one offline HTML file with Allure 3 (classic UI, no analytics).

    deploygates report -- -m predeploy                  # run the gates, then build reports/html/index.html
    deploygates report --from reports/allure-results    # build only, from existing results

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

CONFIG = resources.PACKAGE_DIR / "reporting" / "allurerc.mjs"
NOT_BUILT = 3
NETWORK = re.compile(r'googletagmanager|(src|href)="https?://')


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="source", type=Path, metavar="DIR",
                        help="build from these Allure results instead of running the gates")
    parser.add_argument("--results", type=Path, default=Path("reports/allure-results"),
                        help="where the gates write their Allure results (default reports/allure-results)")
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


def build(results: Path, out: Path) -> int:
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
    built = build(results, options.out)
    return built or status
