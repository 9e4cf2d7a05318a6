"""deploygates notify: the notice the verdict allows, with the window and its time zone, and the summary."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from deploygates.cli import main as deploygates
from deploygates.secrets import register_secret

ROLLBACK_NOW = {
    "verdict": "ROLLBACK_NOW", "exit_code": 12, "reason": "1 of 2 gates: test_login_works", "target": "production (db)",
    "markexpr": "postdeploy", "counts": {"ROLLBACK_NOW": 1, "GO": 1},
    "recommended": {"action": "roll back now", "procedure": "Emergency Rollback",
                    "triggered_by": ["User login failure rate: 19.00 % from 300 samples against rollback > 10.00 %"],
                    "steps": [{"runbook": "RBEMERG-1", "do": "Roll the application back",
                               "command": "kubectl rollout undo deployment/virtue-app", "corrected": ""}]},
    "items": [{"nodeid": "smoke/a.py::test_login_works", "title": "Users can log in", "runbook": ["STEP7-1"],
               "verdict": "ROLLBACK_NOW",
               "message": "gate verdict: ROLLBACK_NOW\nE   login answered 500 token s3cr3t-Tok"},
              {"nodeid": "smoke/a.py::test_ok", "title": "ok", "runbook": ["UX-1"], "verdict": "GO", "message": ""}],
}
WINDOW = ["--date", "2026-12-05", "--start", "22:00", "--end", "23:45", "--timezone", "UTC"]
NOTICES = ("pre-migration.txt", "complete.txt", "rollback.txt")


def notify(folder: Path, verdict: dict[str, Any] | str | bytes, *window: str) -> tuple[int, set[str]]:
    """Run notify on this verdict; its exit code and the notices it left in the folder."""
    path = folder / "verdict.json"
    content = verdict if isinstance(verdict, str | bytes) else json.dumps(verdict)
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    code = deploygates(["notify", "--verdict", str(path), *(window or WINDOW)])
    return code, {name for name in NOTICES if (folder / "notifications" / name).exists()}


@pytest.fixture
def written(tmp_path: Path) -> Path:
    register_secret("s3cr3t-Tok")
    notify(tmp_path, ROLLBACK_NOW)
    return tmp_path / "notifications"


def go(markexpr: str) -> dict[str, Any]:
    return {**ROLLBACK_NOW, "verdict": "GO", "markexpr": markexpr, "recommended": {"action": "go on"},
            "items": [ROLLBACK_NOW["items"][1]]}


@pytest.mark.parametrize(("verdict", "notice"), [
    (go("predeploy"), {"pre-migration.txt"}), (go("postdeploy and not later"), {"complete.txt"}),
    (go("rollback"), {"rollback.txt"}), (go("migration"), set()), (ROLLBACK_NOW, set()),
    ({**ROLLBACK_NOW, "verdict": "HOLD"}, set()),
], ids=["predeploy GO", "postdeploy GO", "rollback GO", "migration GO", "ROLLBACK_NOW", "HOLD"])
def test_the_verdict_chooses_the_notice(tmp_path: Path, verdict: dict[str, Any], notice: set[str]) -> None:
    """Completion only on a postdeploy GO, the rollback notice only once a rollback is verified, none otherwise."""
    assert notify(tmp_path, verdict) == (0, notice)


def test_a_notice_from_an_earlier_run_is_removed(tmp_path: Path) -> None:
    """A completion notice written for last night's GO is gone once tonight's verdict is HOLD."""
    notify(tmp_path, go("postdeploy"))
    assert notify(tmp_path, {**ROLLBACK_NOW, "verdict": "HOLD"}) == (0, set())


def test_pre_migration_notice_states_the_window_and_its_time_zone(tmp_path: Path) -> None:
    """The pre-migration template reads the window's date, times and time zone with its offset."""
    notify(tmp_path, go("predeploy"), *WINDOW[:6], "--timezone", "Europe/Berlin")
    assert "on 2026-12-05 from 22:00 to 23:45 Europe/Berlin (UTC+01:00)." in (
        tmp_path / "notifications" / "pre-migration.txt").read_text()


def test_a_window_past_midnight_says_it_ends_the_next_day(tmp_path: Path) -> None:
    """An end earlier than the start is the next day, and the notice says so."""
    notify(tmp_path, go("predeploy"), *WINDOW[:4], "--end", "00:30", "--timezone", "UTC")
    assert "to 00:30 (the next day) UTC." in (tmp_path / "notifications" / "pre-migration.txt").read_text()


def test_summary_names_the_root_cause_with_its_words(written: Path) -> None:
    """What failed: the gate in the runbook's words, its item and the gate's own message."""
    assert "- **ROLLBACK_NOW** Users can log in (runbook STEP7-1): login answered 500" in (
        written / "summary.md").read_text()


def test_summary_gives_the_value_that_triggered_the_rollback(written: Path) -> None:
    """The rollback procedure comes with the measured value against its level."""
    assert "triggered by: User login failure rate: 19.00 % from 300 samples against rollback > 10.00 %" in (
        written / "summary.md").read_text()


def test_summary_says_no_notice_before_the_rollback_is_verified(written: Path) -> None:
    """A ROLLBACK_NOW verdict sends nothing yet: the rollback notice follows a verified rollback."""
    assert "Notification to send: none (none yet: roll back" in (written / "summary.md").read_text()


def test_summary_states_the_time_zone(written: Path) -> None:
    """The window's time zone and its offset are written out."""
    assert "- Window: 2026-12-05 22:00 to 23:45, time zone UTC (UTC+00:00)" in (written / "summary.md").read_text()


def test_summary_never_carries_a_secret(written: Path) -> None:
    """A secret inside a failure message is masked in the summary."""
    assert "s3cr3t-Tok" not in (written / "summary.md").read_text()


def test_the_html_summary_renders_headings_and_bold(written: Path) -> None:
    """summary.html is a page, not Markdown source: a heading, bold verdicts."""
    page = (written / "summary.html").read_text()
    assert ("<h1>Deployment gates: ROLLBACK_NOW</h1>" in page, "<li><b>ROLLBACK_NOW</b> Users" in page) == (True, True)


@pytest.mark.parametrize(("window", "says"), [
    (["--start", "22:00", "--end", "23:45", "--timezone", "UTC"], "lacks --date"),
    (WINDOW[:6], "lacks --timezone"),
    (["--date", "2026-13-45", *WINDOW[2:]], "'2026-13-45' is not a calendar date"),
    (["--date", "20261205", *WINDOW[2:]], "'20261205' is not a calendar date"),
    ([*WINDOW[:2], "--start", "25:00", *WINDOW[4:]], "--start '25:00' is not a time of day"),
    ([*WINDOW[:6], "--timezone", "Mars/Base"], "'Mars/Base' is not a known time zone"),
], ids=["no date", "no time zone", "impossible date", "compact date", "25:00", "unknown zone"])
def test_a_bad_window_is_refused_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             window: list[str], says: str) -> None:
    """An incomplete or impossible window: exit 2 and one line naming the value, no notice written."""
    code, notices = notify(tmp_path, go("predeploy"), *window)
    error = capsys.readouterr().err
    assert (code, notices, says in error, error.count("\n")) == (2, set(), True, 1)


@pytest.mark.parametrize(("content", "says"), [
    (None, "no such file"), ('{"verdict": "GO", "items": [', "not valid JSON"),
    (b"\x89PNG\r\n\x1a\n\xff\xfe", "not text"),
    ('["GO"]', "holds a JSON list"), (json.dumps({**ROLLBACK_NOW, "verdict": "MAYBE"}), "'MAYBE' is not one of"),
], ids=["missing", "truncated", "binary", "a list", "MAYBE"])
def test_a_bad_verdict_file_is_refused_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   content: str | bytes | None, says: str) -> None:
    """No traceback for a verdict.json that cannot be used: exit 2 and one line naming the file."""
    path = tmp_path / "verdict.json"
    if content is not None:
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    code = deploygates(["notify", "--verdict", str(path), *WINDOW])
    error = capsys.readouterr().err
    assert (code, says in error, error.count("\n"), "Traceback" in error) == (2, True, 1, False)
