"""deploygates notify: the runbook's templates with the window filled in, and the stakeholder summary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from deploygates.cli import main as deploygates
from deploygates.secrets import register_secret

VERDICT = {
    "verdict": "ROLLBACK_NOW", "exit_code": 12, "reason": "1 of 2 gates: test_login_works", "target": "production (db)",
    "markexpr": "postdeploy", "counts": {"ROLLBACK_NOW": 1, "GO": 1},
    "recommended": {"action": "roll back now", "procedure": "Emergency Rollback", "steps": ["# Scale\nkubectl scale"]},
    "items": [{"nodeid": "smoke/a.py::test_login_works", "title": "Users can log in", "runbook": ["STEP7-1"],
               "verdict": "ROLLBACK_NOW",
               "message": "gate verdict: ROLLBACK_NOW\nE   login answered 500 token s3cr3t-Tok"},
              {"nodeid": "smoke/a.py::test_ok", "title": "ok", "runbook": ["UX-1"], "verdict": "GO", "message": ""}],
}


@pytest.fixture
def written(tmp_path: Path) -> Path:
    (tmp_path / "verdict.json").write_text(json.dumps(VERDICT))
    register_secret("s3cr3t-Tok")
    deploygates(["notify", "--verdict", str(tmp_path / "verdict.json"), "--date", "2026-12-05", "--start", "22:00",
                 "--end", "23:45"])
    return tmp_path / "notifications"


def test_pre_migration_notice_names_the_window(written: Path) -> None:
    """The pre-migration template reads the window's date, times and time zone."""
    assert "on 2026-12-05 from 22:00 to 23:45 UTC." in (written / "pre-migration.txt").read_text()


def test_every_template_starts_with_the_runbook_subject(written: Path) -> None:
    """The three files start with the runbook's Subject lines."""
    subjects = [(written / name).read_text().splitlines()[0] for name in ("pre-migration.txt", "complete.txt",
                                                                        "rollback.txt")]
    assert subjects == ["Subject: Scheduled Maintenance - Virtue Development Platform",
                        "Subject: Maintenance Complete - New Organizational Features Available",
                        "Subject: Service Restored - Temporary Issue Resolved"]


def test_summary_names_the_failed_gate_with_its_measured_value(written: Path) -> None:
    """What failed: the gate in the runbook's words, its item and the assertion line."""
    assert "- **ROLLBACK_NOW** Users can log in (runbook STEP7-1): login answered 500" in (
        written / "summary.md").read_text()


def test_summary_says_which_notification_to_send(written: Path) -> None:
    """A ROLLBACK_NOW verdict points at the rollback notification."""
    assert "Notification to send: rollback.txt" in (written / "summary.md").read_text()


def test_summary_never_carries_a_secret(written: Path) -> None:
    """A secret inside a failure message is masked in the summary."""
    assert "s3cr3t-Tok" not in (written / "summary.md").read_text()


def test_a_window_without_its_date_is_refused(tmp_path: Path) -> None:
    """No date, no notice: the command names what is missing."""
    (tmp_path / "verdict.json").write_text(json.dumps(VERDICT))
    with pytest.raises(SystemExit, match="lacks date"):
        deploygates(["notify", "--verdict", str(tmp_path / "verdict.json"), "--start", "22:00", "--end", "23:45"])


def test_the_html_summary_renders_headings_and_bold(written: Path) -> None:
    """summary.html is a page, not Markdown source: a heading, bold verdicts."""
    page = (written / "summary.html").read_text()
    assert ("<h1>Deployment gates: ROLLBACK_NOW</h1>" in page, "<li><b>ROLLBACK_NOW</b> Users" in page) == (True, True)
