"""Every gate's Allure result carries evidence a stakeholder or a DBA can open: the SQL that ran, result
tables as CSV, measured values against thresholds, timings, and charts as PNG."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable

import pytest

from deploygates import resources
from deploygates.reporting.attachments import bar_chart, counted, csv_text, histogram
from tests.project import PROJECT_ROOT

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# One check, the migration scripts, the rehearsal's timings and the probe's latency row: each kind of evidence.
SELECTION = ("(test_guarantee_holds_after_rehearsal and no_orphan_references) or test_migration_script_applies "
             "or test_rollback_time_within_budget or api-response-time")


@pytest.fixture(scope="module")
def attachments(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[str, str, bytes]]]:
    """Per test of a narrow gate run: its attachments as (name, mime type, content)."""
    workdir = tmp_path_factory.mktemp("attachments")
    argv = [sys.executable, "-m", "pytest", "-c", str(PROJECT_ROOT / "pyproject.toml"),
            "--rootdir", str(PROJECT_ROOT), "-m", "predeploy or postdeploy", "-k", SELECTION,
            "--users", "300", "-p", "no:cacheprovider", f"--alluredir={workdir / 'allure'}",
            f"--reports-dir={workdir / 'reports'}", str(PROJECT_ROOT / "checks")]
    env = {**os.environ, "GATE_RECORDED": str(workdir / "baselines")}
    done = subprocess.run(argv, cwd=workdir, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    found: dict[str, list[tuple[str, str, bytes]]] = {}
    for result in (json.loads(path.read_text()) for path in (workdir / "allure").glob("*-result.json")):
        found[result["fullName"].split("#")[-1]] = [
            (a["name"], a["type"], (workdir / "allure" / a["source"]).read_bytes()) for a in result["attachments"]]
    return found


def kinds(attached: list[tuple[str, str, bytes]]) -> set[str]:
    return {mime for _, mime, _ in attached}


def test_a_check_carries_its_sql_and_its_rows_as_csv(attachments: dict[str, list[tuple[str, str, bytes]]]) -> None:
    """A guarantee check: the .sql file's text and its violating rows as CSV (a header even when none)."""
    attached = attachments["test_guarantee_holds_after_rehearsal"]
    sql = (resources.SQL_DIR / "checks" / "no_orphan_references.sql").read_bytes()
    csv = [body for _, mime, body in attached if mime == "text/csv"]
    assert ([body for _, _, body in attached if body == sql], len(csv), len(csv[0].splitlines())) == ([sql], 1, 1)


def test_a_migration_script_carries_its_sql_and_psql_output(
    attachments: dict[str, list[tuple[str, str, bytes]]],
) -> None:
    """Each migration script's test: the data the rehearsal ran on, its SQL and a `psql -f` line with status and
    duration."""
    names = [name for name, _, _ in attachments["test_migration_script_applies"]]
    script = [name for name in names if name != "rehearsal data"]
    assert ("rehearsal data" in names, script[0].startswith("SQL "),
            script[1].startswith("psql -f ") and " ok in " in script[1]) == (True, True, True)


def test_the_rehearsal_timings_come_as_table_chart_and_budget(
    attachments: dict[str, list[tuple[str, str, bytes]]],
) -> None:
    """The rollback budget gate: per-script durations (CSV and PNG) and measured / threshold / verdict."""
    attached = attachments["test_rollback_time_within_budget"]
    measured = next(body for name, _, body in attached if name.startswith("rollback time against"))
    pngs = [body for _, mime, body in attached if mime == "image/png"]
    assert (kinds(attached), measured.splitlines()[0], [png[:8] for png in pngs]) == (
        {"text/csv", "image/png"}, b"measured,value,threshold,verdict", [PNG_MAGIC])


def test_the_probe_latency_row_carries_a_histogram(attachments: dict[str, list[tuple[str, str, bytes]]]) -> None:
    """The api-response-time checkpoint: its reading against the thresholds, and the latencies as a PNG."""
    attached = attachments["test_checkpoint_holds"]
    assert ({name for name, mime, body in attached if mime == "image/png" and body.startswith(PNG_MAGIC)},
            kinds(attached)) == ({"probe latency per route (histogram)"}, {"text/csv", "image/png"})


def test_a_table_says_when_it_was_cut() -> None:
    """Rows beyond the cap are left out, and the attachment's name says so."""
    assert [counted(100, 250), counted(100, 1000, more=True), counted(1, 1)] == [
        "first 100 of 250 rows", "first 100 of at least 1000 rows", "1 row"]


def test_csv_quotes_commas_and_shows_null() -> None:
    """Values with commas stay one cell; NULL is written as NULL, not as an empty cell."""
    assert csv_text(["a", "b"], [("x, y", None)]) == 'a,b\n"x, y",NULL\n'


@pytest.mark.parametrize("chart", [
    lambda: bar_chart("timings", [("schema.sql", 1.5), ("data.sql", 0.2)], "seconds"),
    lambda: histogram("latency", {"/a": [0.1, 0.2, 0.2], "/b": [0.3]}, "seconds"),
    lambda: histogram("one value", {"/a": [0.1, 0.1]}, "seconds"),
], ids=["bar_chart", "histogram", "histogram_of_one_value"])
def test_charts_render_headless_as_png(chart: Callable[[], bytes]) -> None:
    """Charts are drawn without a display (Agg) and come out as PNG."""
    assert chart()[:8] == PNG_MAGIC

