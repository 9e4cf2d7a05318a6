"""Pre-deployment: the production backup is complete, recent, restorable and identified by its checksum.

Without --backup the sandbox verifies a pg_dump of itself; staging and production fail until
--backup FILE names the backup taken for this window.
"""

import re

import allure
import pytest

from deploygates.manifest.thresholds import Phase1
from deploygates.readiness.backup import BackupFile
from deploygates.readiness.table_rows import Rows
from deploygates.reporting.attachments import attach_measurements, attach_text, verdict
from fixtures.readiness import RestoredBackup

pytestmark = [pytest.mark.predeploy, pytest.mark.runbook("ENV-2")]


@pytest.mark.destructive
def test_backup_restores_into_a_scratch_database(restored_backup: RestoredBackup) -> None:
    """The backup restores without error into an empty scratch database."""
    run = restored_backup.run
    attach_text(f"restore of {run.file.name}: exit {run.returncode} in {run.seconds:.2f} s", run.output or "(silent)")
    assert run.ok, run.summary()


def test_backup_is_recent(backup_file: BackupFile, phase1: Phase1) -> None:
    """The backup was taken within the allowed age before this run (24 hours unless configured)."""
    age, limit = backup_file.age_hours(), phase1.backup_max_age_hours
    attach_measurements("backup age against its limit", [
        (f"age (per its {backup_file.taken_from})", f"{age:.1f} h", f"{limit:g} h", verdict(age <= limit))])
    assert age <= limit, (
        f"{backup_file.path} was taken {age:.1f} h ago (per its {backup_file.taken_from}); the limit is "
        f"{limit:g} h (backup_max_age_hours, --backup-max-age): take a fresh backup"
    )


@pytest.mark.destructive
def test_backup_row_count_matches_target(restored_backup: RestoredBackup, target_counts: Rows,
                                         preserved_table: str) -> None:
    """Each table of the restored backup holds exactly as many rows as the source database holds now."""
    assert restored_backup.run.ok, "not checked: the backup did not restore"
    in_backup, at_target = restored_backup.rows[preserved_table], target_counts[preserved_table]
    missing = " (missing from the backup)" if in_backup < 0 else ""
    assert in_backup == at_target, f"{preserved_table}: {in_backup} rows in the backup{missing}, {at_target} now"


def test_backup_checksum_recorded(backup_file: BackupFile) -> None:
    """The backup's sha256 is recorded in the report, so the file restored later is provably the one verified."""
    allure.attach(f"{backup_file.describe()}\nsha256 {backup_file.sha256}\n", name="backup sha256",
                  attachment_type=allure.attachment_type.TEXT)
    assert re.fullmatch(r"[0-9a-f]{64}", backup_file.sha256), backup_file.sha256
