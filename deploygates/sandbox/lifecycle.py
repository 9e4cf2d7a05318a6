"""The sandbox through the night: the runbook's steps 1-6 (deploy) and its emergency rollback,
played on a sandbox database and its platform state, for `deploygates sandbox deploy|rollback`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from deploygates.migration.files import SqlSources
from deploygates.platform import simulated_steps as steps
from deploygates.postgres.psql import ScriptRun, run_file


class StepError(Exception):
    """A script of the night failed; the message carries psql's output."""


def run_scripts(bindir: Path | None, dsn: str, files: tuple[Path, ...]) -> list[ScriptRun]:
    runs: list[ScriptRun] = []
    for file in files:
        runs.append(run_file(bindir, dsn, file))
        if not runs[-1].ok:
            raise StepError(runs[-1].summary())
    return runs


def deploy(bindir: Path | None, dsn: str, platform: Path, sources: SqlSources) -> list[ScriptRun]:
    """Steps 1-6: maintenance on and scale to 0, the three scripts, validation (a failure rolls back,
    as step 3 says), the new image, the flags in order, maintenance off. Time stamps are simulated."""
    at = steps.step1_enter_maintenance(platform, datetime.now(UTC))
    runs = run_scripts(bindir, dsn, sources.migrations)
    validation = run_file(bindir, dsn, sources.validation)
    runs.append(validation)
    if not validation.ok:
        run_file(bindir, dsn, sources.rollback)
        raise StepError(f"validation failed, the migration was rolled back:\n{validation.summary()}")
    at = steps.step4_deploy(platform, at + timedelta(minutes=10))
    steps.step6_leave_maintenance(platform, steps.step5_enable_flags(platform, at))
    return runs


def rollback(bindir: Path | None, dsn: str, platform: Path, sources: SqlSources) -> list[ScriptRun]:
    """Emergency rollback: previous image, database rollback script, organizational flags off."""
    steps.emergency_rollback(platform, datetime.now(UTC))
    return run_scripts(bindir, dsn, (sources.rollback,))
