"""The rehearsal records the sha256 of every file under test, and only when the run that rehearsed them is GO:
the night's checksum gates then compare with the last approved scripts, never with a failed rehearsal's."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from deploygates import resources
from deploygates.migration.files import resolve_sources
from deploygates.records import REHEARSED, sha256_of
from tests.faults.catalog import patched_migrations
from tests.project import PROJECT_ROOT

FAILS = "DO $$ BEGIN RAISE EXCEPTION 'fault: the data step fails'; END $$;"


def rehearse(workdir: Path, *extra: str) -> Path:
    """A narrow rehearsal run (the scripts' own gates) recording into the workdir; the record's path."""
    argv = [sys.executable, "-m", "pytest", "-c", str(PROJECT_ROOT / "pyproject.toml"), "--rootdir",
            str(PROJECT_ROOT), "-m", "predeploy", "-k", "test_migration_script_applies", "--users", "300",
            "-p", "no:cacheprovider", f"--recorded={workdir / 'recorded'}", f"--reports-dir={workdir}", *extra,
            str(PROJECT_ROOT / "checks")]
    subprocess.run(argv, cwd=workdir, capture_output=True, timeout=600, check=False)
    return workdir / "recorded" / REHEARSED


@pytest.fixture(scope="module")
def approved(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, str]]]:
    record = json.loads(rehearse(tmp_path_factory.mktemp("go")).read_text())
    scripts: dict[str, list[dict[str, str]]] = record["scripts"]
    return scripts


def test_a_go_rehearsal_records_every_script_with_its_sha256(approved: dict[str, list[dict[str, str]]]) -> None:
    """After a GO, each migration script's name and sha256 are recorded, in the order they ran."""
    expected = [{"name": path.name, "sha256": sha256_of(path)} for path in resolve_sources().migrations]
    assert approved["migration"] == expected


def test_the_rollback_and_validation_scripts_are_recorded(approved: dict[str, list[dict[str, str]]]) -> None:
    """The rollback and validation files are recorded with their sha256 too."""
    assert [approved[role][0]["sha256"] for role in ("validation", "rollback")] == [
        sha256_of(resources.VALIDATION_FILE), sha256_of(resources.ROLLBACK_FILE)]


def test_a_rehearsal_that_is_not_go_records_nothing(tmp_path: Path) -> None:
    """A data script that fails in the rehearsal (HOLD) is never recorded as rehearsed."""
    assert not rehearse(tmp_path, *patched_migrations("_data.sql", FAILS)(tmp_path)).exists()
