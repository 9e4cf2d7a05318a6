"""Pre-deployment: Phase 1 fits its 30-minute maintenance window, and a rollback fits its budget.

Durations are measured statement by statement at two dataset sizes on scratch clones, fitted
(time ≈ a + b·rows per statement) and projected to the target's row counts.
"""

import allure
import pytest

from fixtures.forecast import Forecast
from fixtures.phase1_report import minutes
from fixtures.thresholds import Phase1

pytestmark = [pytest.mark.predeploy, pytest.mark.destructive]


def breakdown(forecast: Forecast) -> str:
    return "\n".join(f"  {p.statement.file}:{p.statement.line} {p.statement.head}: {minutes(p.seconds)} "
                     f"(measured {p.large_seconds:.3f} s | {p.small_seconds:.3f} s)" for p in forecast.slowest(8))


@pytest.mark.runbook("BIZ-1")
@pytest.mark.runbook("VALPREP-2")
def test_phase1_forecast_fits_the_window(window_forecast: Forecast, phase1: Phase1) -> None:
    """Projected to the target's size, Phase 1 (drain, three scripts, validation) fits its window."""
    allure.attach(breakdown(window_forecast), name="forecast", attachment_type=allure.attachment_type.TEXT)
    unmeasured = window_forecast.unmeasured(window_forecast.migration_files)
    assert not unmeasured, "not forecast: the scripts did not run statement by statement:\n" + "\n".join(unmeasured)
    budget = phase1.window_budget_minutes * 60
    assert window_forecast.window_seconds <= budget, (
        f"forecast {minutes(window_forecast.window_seconds)} exceeds the {phase1.window_budget_minutes:g}-minute "
        f"window (fitted from {window_forecast.large_users} and {window_forecast.small_users} users); "
        f"slowest statements:\n{breakdown(window_forecast)}"
    )


@pytest.mark.runbook("ENV-4")
@pytest.mark.runbook("RBEMERG-2")
def test_rollback_time_within_budget(measured_rollback: float, phase1: Phase1) -> None:
    """The rollback, timed in the rehearsal, finishes within the rollback budget (recovery time)."""
    budget = phase1.rollback_budget_minutes * 60
    assert measured_rollback <= budget, (
        f"the rollback took {minutes(measured_rollback)}; the budget is {phase1.rollback_budget_minutes:g} min"
    )


@pytest.mark.runbook("ENV-4")
@pytest.mark.runbook("RBEMERG-2")
def test_rollback_forecast_within_budget(window_forecast: Forecast, phase1: Phase1) -> None:
    """Projected to the target's size, the rollback finishes within the rollback budget."""
    unmeasured = window_forecast.unmeasured((window_forecast.rollback_file,))
    assert not unmeasured, "rollback not forecast:\n" + "\n".join(unmeasured)
    budget = phase1.rollback_budget_minutes * 60
    assert window_forecast.rollback_seconds <= budget, (
        f"rollback forecast {minutes(window_forecast.rollback_seconds)} exceeds the "
        f"{phase1.rollback_budget_minutes:g}-minute budget; slowest statements:\n{breakdown(window_forecast)}"
    )
