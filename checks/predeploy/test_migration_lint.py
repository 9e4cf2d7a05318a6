"""Pre-deployment: static lint of the migration scripts (Squawk), weighed by the target's table sizes."""

from pathlib import Path

import pytest

from deploygates.manifest.thresholds import Phase1
from deploygates.readiness.lint import Finding, blocking

pytestmark = [pytest.mark.predeploy, pytest.mark.runbook("ENV-3")]


def test_no_lock_hazard_on_a_large_table(lint_findings: dict[str, list[Finding]], migration_file: Path,
                                         phase1: Phase1) -> None:
    """The script has no statement Squawk flags as a lock hazard on a large table (small and new tables: reported)."""
    failing = blocking(lint_findings[migration_file.name], phase1.lint_large_table_rows)
    assert not failing, (f"lock hazards on tables over {phase1.lint_large_table_rows:,} rows:\n"
                         + "\n".join(f.describe() for f in failing))
