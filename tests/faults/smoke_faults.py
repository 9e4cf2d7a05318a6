"""Faults of the deployed application and of access control, caught by the smoke and access gates.
Their names start with smoke_, so `pytest tests/faults -k smoke` runs them.

App faults run the sandbox app with fault knobs (--sandbox-knobs, see fixtures/sandbox/app/knobs.py);
access faults patch the schema migration.
"""

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.faults.catalog import Fault, patched_migrations

FUNCTIONAL = "smoke/test_functional_testing.py"
EXPERIENCE = "smoke/test_user_experience.py"
MONITORING = "smoke/test_extended_monitoring.py"
AVAILABILITY = "smoke/test_app_availability.py"
ACCESS = "checks/postdeploy/test_access_by_impersonation.py"
ROWS = "checks/postdeploy/test_monitoring_checkpoints.py::test_checkpoint_holds"  # monitoring rows

# Every gate that talks to the app after the deployment: all of them fail when it stays in maintenance.
APP_GATES = frozenset({
    f"{AVAILABILITY}::test_app_answers",
    f"{AVAILABILITY}::test_app_is_out_of_maintenance_mode",
    *(f"{FUNCTIONAL}::{name}" for name in (
        "test_test_user_signs_in", "test_wrong_password_is_rejected", "test_request_without_token_is_refused",
        "test_former_sponsor_opens_coach_dashboard", "test_coach_sees_exactly_their_practitioners",
        "test_coach_dashboard_refuses_a_practitioner", "test_practitioner_opens_own_dashboard")),
    f"{EXPERIENCE}::test_every_test_account_signs_in",
    f"{EXPERIENCE}::test_practitioner_dashboards_unchanged",
    f"{EXPERIENCE}::test_every_link_resolves[coach]",
    f"{EXPERIENCE}::test_every_link_resolves[practitioner]",
    f"{MONITORING}::test_sponsor_dashboards_became_coach_dashboards",
    f"{MONITORING}::test_organization_page_answers_for_test_account",
})


def knobs(**settings: Any) -> Callable[[Path], list[str]]:
    """--sandbox-knobs pointing at a file holding these knobs."""
    def build(workdir: Path) -> list[str]:
        target = workdir / "knobs.json"
        target.write_text(json.dumps(settings))
        return [f"--sandbox-knobs={target}"]
    return build


def everyone_reads(table: str) -> Callable[[Path], list[str]]:
    policy = f"CREATE POLICY {table}_select_everyone ON public.{table} FOR SELECT TO authenticated USING (true);"
    return patched_migrations("_schema.sql", policy)


FAULTS = (
    Fault(
        "smoke_coach_dashboard_returns_500",
        "the deployed app answers 500 on the coach dashboard",
        knobs(routes={"/api/coach/dashboard": {"error_rate": 1.0}}),
        frozenset({
            f"{FUNCTIONAL}::test_former_sponsor_opens_coach_dashboard",
            f"{FUNCTIONAL}::test_coach_sees_exactly_their_practitioners",
            f"{FUNCTIONAL}::test_coach_dashboard_refuses_a_practitioner",
            f"{EXPERIENCE}::test_every_link_resolves[coach]",
            f"{MONITORING}::test_sponsor_dashboards_became_coach_dashboards",
            # The probe's 20 coach dashboard calls are 12.5 % of its calls: error rate and availability.
            f"{ROWS}[error-rate]", f"{ROWS}[service-availability]",
        }),
        # The gate expecting 403 for a practitioner gets 500: its immediate-rollback trigger fires.
        marker="postdeploy", verdict="ROLLBACK_NOW",
    ),
    Fault(
        "smoke_coach_sees_one_practitioner_fewer",
        "the coach dashboard drops the last practitioner of each coach",
        knobs(defects=["coach_hides_last_practitioner"]),
        frozenset({
            f"{FUNCTIONAL}::test_coach_sees_exactly_their_practitioners",
            f"{MONITORING}::test_sponsor_dashboards_became_coach_dashboards",
        }),
        marker="postdeploy", verdict="HOLD",
    ),
    Fault(
        "smoke_practitioner_dashboard_field_changes",
        "the practitioner dashboard reports one completed stage too many",
        knobs(defects=["practitioner_field_changed"]),
        frozenset({f"{EXPERIENCE}::test_practitioner_dashboards_unchanged"}),
        marker="postdeploy", verdict="HOLD",
    ),
    Fault(
        "smoke_profiles_readable_by_everyone",
        "the schema migration adds a USING (true) SELECT policy on profiles",
        everyone_reads("profiles"),
        frozenset({f"{ACCESS}::test_users_see_the_same_rows[public.profiles]",
                   f"{ACCESS}::test_nobody_reads_unlinked_profiles"}),
        marker="postdeploy", verdict="ROLLBACK_NOW",
    ),
    Fault(
        "smoke_journal_entries_readable_by_everyone",
        "the schema migration adds a USING (true) SELECT policy on journal_entries",
        everyone_reads("journal_entries"),
        frozenset({f"{ACCESS}::test_users_see_the_same_rows[public.journal_entries]",
                   f"{ACCESS}::test_nobody_reads_unlinked_journal_entries"}),
        marker="postdeploy", verdict="ROLLBACK_NOW",
    ),
    Fault(
        "smoke_signin_fails_for_one_user_in_ten",
        "the deployed app refuses the correct password of one user in ten",
        knobs(signin_failure_rate=0.1),
        # The sandbox's practitioner account (seed 42, 300 users) is among the refused tenth, so the
        # gates that sign it in fail as well.
        frozenset({
            f"{EXPERIENCE}::test_every_test_account_signs_in",
            f"{EXPERIENCE}::test_practitioner_dashboards_unchanged",
            f"{EXPERIENCE}::test_every_link_resolves[practitioner]",
            f"{FUNCTIONAL}::test_coach_dashboard_refuses_a_practitioner",
            f"{FUNCTIONAL}::test_practitioner_opens_own_dashboard",
            f"{ROWS}[login-failure-rate]",  # 10 of the probe's 100 sign-ins: 10 %, not above it
        }),
        marker="postdeploy", verdict="CONSIDER_ROLLBACK",
    ),
    Fault(
        "smoke_maintenance_mode_left_on",
        "step 6 is not done: MAINTENANCE_MODE stays true after the deployment",
        knobs(platform={"app-config": {"MAINTENANCE_MODE": "true"}}),
        # Every probe call answers 503: no sign-in (100 % failures), no dashboard, no organization query.
        APP_GATES | {f"{ROWS}[{row}]" for row in ("login-failure-rate", "error-rate", "service-availability",
                                                  "api-response-time", "organization-query-time")},
        marker="postdeploy", verdict="ROLLBACK_NOW",
    ),
    Fault(
        "smoke_organization_flag_left_off",
        "ORGANIZATIONAL_MODEL is switched back off after step 5",
        knobs(platform={"feature-flags": {"ORGANIZATIONAL_MODEL": "false"}}),
        frozenset({f"{MONITORING}::test_organization_page_answers_for_test_account"}),
        marker="postdeploy", verdict="HOLD",
    ),
    Fault(
        "smoke_coach_link_broken",
        "the coach dashboard links practitioners to a URL the app does not serve",
        knobs(defects=["coach_link_broken"]),
        frozenset({f"{EXPERIENCE}::test_every_link_resolves[coach]"}),
        marker="postdeploy", verdict="HOLD",
    ),
    Fault(
        "smoke_coach_dashboard_without_403",
        "the coach dashboard answers a practitioner instead of refusing with 403",
        knobs(defects=["coach_role_unchecked"]),
        frozenset({f"{FUNCTIONAL}::test_coach_dashboard_refuses_a_practitioner"}),
        marker="postdeploy", verdict="ROLLBACK_NOW",
    ),
    Fault(
        "smoke_sponsor_dashboard_fails_before_the_window",
        "the previous release answers 500 on the sponsor dashboard, so no baseline can be captured",
        knobs(routes={"/api/sponsor/dashboard": {"error_rate": 1.0}}),
        frozenset({"smoke/test_recordings.py::test_capture_dashboards"}),
        verdict="HOLD",
    ),
)
