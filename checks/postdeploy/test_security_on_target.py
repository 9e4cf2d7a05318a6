"""Rollback trigger "Security vulnerabilities exposed": the security advisories (deploygates/sql/security/) of
the live database against those recorded before the window. A finding the rollout introduced is an immediate
rollback; one that was there before is a warning."""

import warnings

import pytest

from deploygates.postgres.queries import NamedQuery
from deploygates.proofs import advisories
from deploygates.proofs.advisories import PreExistingAdvisory, lint_findings
from deploygates.target import TargetDatabase

pytestmark = pytest.mark.postdeploy


@pytest.mark.runbook("RBNOW-5")
@pytest.mark.trigger("rollback_now")
@pytest.mark.filterwarnings("default::deploygates.proofs.advisories.PreExistingAdvisory")
def test_no_security_advisory_introduced(target_database: TargetDatabase, security_before: dict[str, object],
                                         security_lint: NamedQuery) -> None:
    """The live database shows no finding of this security lint that it did not show before the window."""
    before = lint_findings(security_before, security_lint, "before the window")  # type: ignore[arg-type]
    judged = advisories.judge(before, advisories.findings(target_database.dsn, security_lint))
    if judged.pre_existing:
        warnings.warn(PreExistingAdvisory(f"{security_lint.title}: present before the window:\n"
                                          f"{judged.lines(judged.pre_existing)}"), stacklevel=1)
    assert not judged.introduced, (f"security vulnerability exposed in {target_database.label}: "
                                   f"{security_lint.title}:\n{judged.lines(judged.introduced)}")
