"""Pre-deployment: the team's own database tests in the rehearsal's migrated database. Each assertion of the
pgTAP files given with --pgtap is its own gate; plpgsql_check lints every PL/pgSQL function the migration adds
or changes."""

from pathlib import Path

import pytest

from deploygates.errors import inconclusive
from deploygates.migration.rehearsal import Rehearsal
from deploygates.proofs.pgtap import assertion_failure
from fixtures.databases import rehearsal_stop
from fixtures.proofs import pgtap_run

pytestmark = [pytest.mark.predeploy, pytest.mark.destructive, pytest.mark.runbook("VALPREP-1"),
              pytest.mark.runbook("ENV-3")]


def test_pgtap_assertion_passes(rehearsal: Rehearsal, pgtap_assertion: tuple[Path, int],
                                request: pytest.FixtureRequest) -> None:
    """This assertion of the team's pgTAP files holds in the rehearsal's migrated database."""
    run = pgtap_run(request, rehearsal, pgtap_assertion)
    problem = assertion_failure(run, pgtap_assertion[1])
    assert problem is None, problem


def test_changed_functions_pass_plpgsql_check(rehearsal: Rehearsal) -> None:
    """plpgsql_check finds no error in any PL/pgSQL function the rehearsed migration adds or changes."""
    rehearsal_stop(rehearsal, ("migration",))
    checked = rehearsal.observed.plpgsql
    if checked is None or checked.problem:
        inconclusive(checked.problem if checked else rehearsal.observed.problems.get("migrated: plpgsql_check", ""))
    assert not checked.errors, (f"plpgsql_check: {len(checked.errors)} errors in the {len(checked.functions)} "
                                "functions the migration adds or changes:\n" + "\n".join(checked.errors))
