"""The report's first screen, rendered by headless Chromium: a GO and a HOLD run of real gates each open on
their verdict in words and its root cause in plain language, with links into the Allure tree."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

from tests.faults.catalog import patched_migrations
from tests.project import PROJECT_ROOT
from tests.reporting.chromium import rendered

LOSES_AN_ENTRY = "DELETE FROM public.journal_entries WHERE id = (SELECT min(id) FROM public.journal_entries);"
LANDING = re.compile(r'<div id="gates-landing"[^>]*>(.*?)</div>\s*<button id="gates-landing-open"', re.DOTALL)


def report(workdir: Path, *extra: str) -> Path:
    """`deploygates report` over the table-data gates of the rehearsal; the built index.html."""
    env = {**os.environ, "GATE_RECORDED": str(workdir / "recorded"), "REPORT_HISTORY": str(workdir / "history")}
    subprocess.run([sys.executable, "-m", "deploygates", "report", "--results", str(workdir / "results"), "--out",
                    str(workdir / "html"), "--", "-c", str(PROJECT_ROOT / "pyproject.toml"), "--rootdir",
                    str(PROJECT_ROOT), "-m", "predeploy", "-k", "test_migration_preserves_table_data", "--users", "300",
                    "-p", "no:cacheprovider", f"--reports-dir={workdir / 'reports'}", *extra,
                    str(PROJECT_ROOT / "checks")], cwd=PROJECT_ROOT, env=env, capture_output=True, timeout=900,
                   check=False)
    return workdir / "html" / "index.html"


def landing_text(page: Path, fragment: str = "") -> str:
    found = LANDING.search(rendered(page, fragment))
    assert found, f"{page} has no landing page"
    return unescape(re.sub(r"<[^>]+>", " ", found.group(1)))


@pytest.fixture(scope="module")
def go(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return report(tmp_path_factory.mktemp("go"))


@pytest.fixture(scope="module")
def hold(tmp_path_factory: pytest.TempPathFactory) -> Path:
    workdir = tmp_path_factory.mktemp("hold")  # under xdist: a worker's failure starts with a line of its own
    return report(workdir, "-n", "2", *patched_migrations("_data.sql", LOSES_AN_ENTRY)(workdir))


def test_a_go_report_opens_on_go(go: Path) -> None:
    """The first screen of a GO run says GO and that there is nothing to fix."""
    text = " ".join(landing_text(go).split())
    assert ("GO go on with the runbook" in text, "Root causes None: every gate that ran passed." in text) == (
        True, True)


def test_a_hold_report_opens_on_hold_and_its_root_cause(hold: Path) -> None:
    """The first screen of a HOLD run says HOLD and the root cause in an operator's words."""
    text = " ".join(landing_text(hold).split())
    assert ("HOLD do not go on" in text, bool(re.search(r"public\.journal_entries: 1 of [\d,]+ rows lost \(id 1, "
                                                         r"written \d{4}-\d\d-\d\d\)", text))) == (True, True)


def test_the_root_cause_says_what_it_means_and_what_to_do(hold: Path) -> None:
    """Next to what happened: what it means for users and the runbook step to act on."""
    text = " ".join(landing_text(hold).split())
    assert ("Users are not affected yet" in text, "Runbook ENV-3 (line 8)" in text) == (True, True)


def test_the_root_cause_links_to_its_gate_in_the_report(hold: Path) -> None:
    """The root cause's link opens its own test result in the Allure tree."""
    page = hold.read_text()
    cause = re.search(r'<article class="cause.*?href="#testresult/([0-9a-f]+)"', page, re.DOTALL)
    assert cause is not None, "the root cause has no link"
    assert f'd("data/test-cases/{cause.group(1)}.json"' in page


def test_a_deep_link_opens_the_report_not_the_first_screen(hold: Path) -> None:
    """Following a link into the tree (#testresult/…) hides the first screen."""
    uid = re.findall(r'href="#testresult/([0-9a-f]+)"', hold.read_text())[0]
    assert 'id="gates-landing" role="region" aria-label="Verdict" style="display: none;"' in rendered(
        hold, f"#testresult/{uid}")
