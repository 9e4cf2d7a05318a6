"""Pre-deployment: Phase 1 fits its 30-minute maintenance window, and a rollback fits its budget.

Durations are measured statement by statement at two dataset sizes on scratch clones, fitted
(time ≈ a + b·rows per statement) and projected to the target's row counts.
"""

import allure
import pytest

from deploygates.manifest.thresholds import Phase1
from deploygates.migration.rehearsal import Rehearsal
from deploygates.readiness.forecast import Forecast
from deploygates.readiness.summary import minutes
from deploygates.reporting.attachments import attach_measurements, attach_table, attach_timings, verdict
from fixtures.databases import rehearsal_stop

pytestmark = [pytest.mark.predeploy, pytest.mark.destructive]


def breakdown(forecast: Forecast) -> str:
    return "\n".join(f"  {p.statement.file}:{p.statement.line} {p.statement.head}: {minutes(p.seconds)} "
                     f"(measured {p.large_seconds:.3f} s | {p.small_seconds:.3f} s)" for p in forecast.slowest(8))


def attach_forecast(forecast: Forecast) -> None:
    """Per file: measured at both sizes and projected; per statement, the slowest at the target as a chart."""
    attach_table("forecast per file", ("file", f"measured at {forecast.large_users} users (s)",
                                       f"measured at {forecast.small_users} users (s)", "forecast for the target (s)"),
                 [(f, f"{forecast.measured(f):.3f}", f"{forecast.measured(f, False):.3f}", f"{forecast.seconds(f):.3f}")
                  for f in (*forecast.window_files, forecast.rollback_file)])
    attach_timings("forecast per statement, slowest at the target",
                   [(f"{p.statement.file}:{p.statement.line} {p.statement.head}", p.seconds)
                    for p in forecast.slowest(20)])


def rehearsal_steps(rehearsal: Rehearsal) -> list[tuple[str, float]]:
    steps = [("validation on the baseline", rehearsal.validation_on_baseline),
             *((run.file.name, run) for run in rehearsal.migration),
             ("validation after the migration", rehearsal.validation), ("rollback", rehearsal.rollback)]
    return [(f"{step}: {run.file.name}" if step != run.file.name else step, run.seconds) for step, run in steps if run]


@pytest.mark.runbook("BIZ-1")
@pytest.mark.runbook("VALPREP-2")
def test_phase1_forecast_fits_the_window(window_forecast: Forecast, phase1: Phase1, rehearsal: Rehearsal) -> None:
    """Projected to the target's size, Phase 1 (drain, three scripts, validation) fits its window."""
    allure.attach(breakdown(window_forecast), name="forecast", attachment_type=allure.attachment_type.TEXT)
    attach_forecast(window_forecast)
    budget = phase1.window_budget_minutes * 60
    attach_timings("phase 1 forecast against the window", [
        ("drain (Step 1)", window_forecast.drain_seconds),
        *((f, window_forecast.seconds(f)) for f in window_forecast.window_files),
        ("phase 1 in all", window_forecast.window_seconds)],
        budget=(phase1.window_budget_minutes, f"window {phase1.window_budget_minutes:g} min"), unit="minutes")
    attach_measurements("phase 1 forecast against the window", [(
        "phase 1 forecast (drain, scripts, validation)", minutes(window_forecast.window_seconds),
        f"{phase1.window_budget_minutes:g} min", verdict(window_forecast.window_seconds <= budget))])
    unmeasured = window_forecast.unmeasured(window_forecast.migration_files)
    if unmeasured:
        rehearsal_stop(rehearsal, ("migration",))
    assert not unmeasured, "not forecast: the scripts did not run statement by statement:\n" + "\n".join(unmeasured)
    assert window_forecast.window_seconds <= budget, (
        f"forecast {minutes(window_forecast.window_seconds)} exceeds the {phase1.window_budget_minutes:g}-minute "
        f"window (fitted from {window_forecast.large_users} and {window_forecast.small_users} users); "
        f"slowest statements:\n{breakdown(window_forecast)}"
    )


@pytest.mark.runbook("ENV-4")
@pytest.mark.runbook("RBEMERG-2")
def test_rollback_time_within_budget(measured_rollback: float, phase1: Phase1, rehearsal: Rehearsal) -> None:
    """The rollback, timed in the rehearsal, finishes within the rollback budget (recovery time)."""
    budget = phase1.rollback_budget_minutes * 60
    attach_timings("rehearsal: psql -f per script", rehearsal_steps(rehearsal))
    attach_measurements("rollback time against its budget", [
        ("rollback, psql -f in the rehearsal", minutes(measured_rollback), f"{phase1.rollback_budget_minutes:g} min",
         verdict(measured_rollback <= budget))])
    assert measured_rollback <= budget, (
        f"the rollback took {minutes(measured_rollback)}; the budget is {phase1.rollback_budget_minutes:g} min"
    )


@pytest.mark.runbook("ENV-4")
@pytest.mark.runbook("RBEMERG-2")
def test_rollback_forecast_within_budget(window_forecast: Forecast, phase1: Phase1, rehearsal: Rehearsal) -> None:
    """Projected to the target's size, the rollback finishes within the rollback budget."""
    unmeasured = window_forecast.unmeasured((window_forecast.rollback_file,))
    if unmeasured:
        rehearsal_stop(rehearsal, ("migration", "rollback"))
    assert not unmeasured, "rollback not forecast:\n" + "\n".join(unmeasured)
    budget = phase1.rollback_budget_minutes * 60
    attach_measurements("rollback forecast against its budget", [
        ("rollback forecast for the target", minutes(window_forecast.rollback_seconds),
         f"{phase1.rollback_budget_minutes:g} min", verdict(window_forecast.rollback_seconds <= budget))])
    assert window_forecast.rollback_seconds <= budget, (
        f"rollback forecast {minutes(window_forecast.rollback_seconds)} exceeds the "
        f"{phase1.rollback_budget_minutes:g}-minute budget; slowest statements:\n{breakdown(window_forecast)}"
    )
