"""Pre-deployment: the security advisories (deploygates/sql/security/, anchored on the Supabase database
linter's ERROR-level lints) on the rehearsal's pre-migration clone and on its migrated one. What the migration
introduces fails the night before; what was there already is reported as a pre-existing warning. The target's
own advisories are recorded for the live-target gate after the rollout."""

import warnings

import pytest

from deploygates.postgres.queries import NamedQuery
from deploygates.proofs import advisories
from deploygates.proofs.advisories import PreExistingAdvisory, lint_findings
from deploygates.proofs.observer import Observations
from deploygates.records import Recordings
from deploygates.target import TargetDatabase

pytestmark = pytest.mark.predeploy


@pytest.mark.destructive
@pytest.mark.runbook("RBNOW-5")
@pytest.mark.runbook("ENV-3")
@pytest.mark.filterwarnings("default::deploygates.proofs.advisories.PreExistingAdvisory")
def test_migration_introduces_no_security_advisory(rehearsal_proofs: Observations, security_lint: NamedQuery) -> None:
    """The rehearsed migration introduces no finding of this security lint (one present before is a warning)."""
    before, after = (lint_findings(rehearsal_proofs.stages[stage].advisories, security_lint, f"{when} the migration")
                     for stage, when in (("before", "before"), ("migrated", "after")))
    judged = advisories.judge(before, after)
    if judged.pre_existing:
        warnings.warn(PreExistingAdvisory(f"{security_lint.title}: present before the migration:\n"
                                          f"{judged.lines(judged.pre_existing)}"), stacklevel=1)
    assert not judged.introduced, (f"security: the migration introduces {security_lint.title[0].lower()}"
                                   f"{security_lint.title[1:]}:\n{judged.lines(judged.introduced)}")


@pytest.mark.runbook("VALPREP-3")
def test_capture_security_advisories(target_database: TargetDatabase, recordings: Recordings) -> None:
    """The target's security advisories are recorded before the window (read-only), for the live-target gate."""
    found = advisories.all_findings(target_database.dsn)
    failed = {name: problem for name, problem in found.items() if isinstance(problem, str)}
    assert not failed, "security lints that could not run:\n" + "\n".join(f"  {k}: {v}" for k, v in failed.items())
    recordings.save("security", found)
