"""Sign-offs: missing, placeholder, stale or future entries fail naming the item; the command records them."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from deploygates.cli import main as deploygates
from deploygates.manifest.signoffs import EXAMPLE_FILE, SANDBOX_FILE, open_book, signoff_items

NOW = datetime(2025, 1, 3, 21, 0, tzinfo=UTC)
WEEK = timedelta(days=7)
GOOD = 'who = "Dana Whitfield (DevOps)"\nwhen = 2025-01-02T18:00:00Z\nevidence = "https://tickets.example/OPS-1"\n'


def problem(tmp_path: Path, text: str, item: str = "ENV-5", **options: object) -> str | None:
    path = tmp_path / "signoffs.toml"
    path.write_text(text)
    return open_book(path, WEEK, now=NOW, **options).problem(item)  # type: ignore[arg-type]


def test_a_complete_recent_entry_passes(tmp_path: Path) -> None:
    assert problem(tmp_path, f"[ENV-5]\n{GOOD}") is None


def test_a_missing_entry_names_the_item_and_the_command(tmp_path: Path) -> None:
    found = problem(tmp_path, f"[ENV-6]\n{GOOD}")
    assert found is not None
    assert "ENV-5 (Team notifications sent (24 hours prior)) has no sign-off" in found
    assert "deploygates signoff record ENV-5" in found


@pytest.mark.parametrize("placeholder", ["[NAME (ROLE)]", "TODO", "", "<NAME>", "tbd"])
def test_a_placeholder_fails(tmp_path: Path, placeholder: str) -> None:
    found = problem(tmp_path, f"[ENV-5]\n{GOOD.replace('Dana Whitfield (DevOps)', placeholder)}")
    assert found is not None
    assert "`who` is a placeholder" in found


def test_a_stale_entry_fails_with_its_age(tmp_path: Path) -> None:
    found = problem(tmp_path, f"[ENV-5]\n{GOOD.replace('2025-01-02', '2024-12-20')}")
    assert found is not None
    assert "14 days ago, older than the 7 days" in found


def test_a_future_entry_fails(tmp_path: Path) -> None:
    found = problem(tmp_path, f"[ENV-5]\n{GOOD.replace('2025-01-02', '2025-01-09')}")
    assert found is not None
    assert "a date in the future" in found


def test_a_contact_needs_the_contact_itself(tmp_path: Path) -> None:
    found = problem(tmp_path, f'[CONTACT-1]\n{GOOD}contact = "[CONTACT]"\n', "CONTACT-1")
    assert found is not None
    assert "CONTACT-1 (Database Administrator: [CONTACT]): `contact` is a placeholder" in found


def test_an_undated_entry_fails_on_real_targets(tmp_path: Path) -> None:
    found = problem(tmp_path, "[ENV-5]\n" + GOOD.replace("when = 2025-01-02T18:00:00Z\n", ""))
    assert found is not None
    assert "`when` is missing" in found


def test_the_sandbox_dates_an_undated_entry_at_the_run(tmp_path: Path) -> None:
    assert problem(tmp_path, "[ENV-5]\n" + GOOD.replace("when = 2025-01-02T18:00:00Z\n", ""), undated_means=NOW) is None


def test_a_missing_file_names_the_template_command(tmp_path: Path) -> None:
    found = open_book(tmp_path / "absent.toml", WEEK, now=NOW).problem("ENV-5")
    assert found is not None
    assert "deploygates signoff template >" in found


@pytest.mark.parametrize("item", [item.id for item in signoff_items()])
def test_the_shipped_example_fails_every_item(item: str) -> None:
    assert open_book(EXAMPLE_FILE, WEEK, now=NOW).problem(item) is not None


@pytest.mark.parametrize("item", [item.id for item in signoff_items()])
def test_the_sandbox_file_signs_off_every_item_for_the_run(item: str) -> None:
    assert open_book(SANDBOX_FILE, WEEK, now=NOW, undated_means=NOW).problem(item) is None


def test_record_writes_an_entry_the_gates_accept(tmp_path: Path) -> None:
    path = tmp_path / "signoffs.toml"
    code = deploygates(["signoff", "--file", str(path), "record", "CONTACT-2", "--who", "Dana Whitfield (DevOps)",
                 "--evidence", "https://oncall.example/rota", "--contact", "Priya Raman, +1 555 0100"])
    assert code == 0
    assert open_book(path, WEEK).problem("CONTACT-2") is None


def test_record_keeps_other_entries(tmp_path: Path) -> None:
    path = tmp_path / "signoffs.toml"
    path.write_text(f"[ENV-6]\n{GOOD}")
    deploygates(["signoff", "--file", str(path), "record", "ENV-5", "--who", "Dana (DevOps)", "--evidence", "https://x.example/1"])
    assert set(tomllib.loads(path.read_text())) == {"ENV-5", "ENV-6"}


@pytest.mark.parametrize("args", [["ENV-1"], ["CONTACT-1"], ["ENV-5", "--evidence", "TODO"]])
def test_record_refuses_what_would_not_pass(tmp_path: Path, args: list[str]) -> None:
    argv = ["--file", str(tmp_path / "s.toml"), "record", *args[:1], "--who", "Dana (DevOps)",
            "--evidence", "https://x.example/1", *args[1:]]
    assert deploygates(["signoff", *argv]) == 2
    assert not (tmp_path / "s.toml").exists()
