"""Faults of the deployed night caught by the monitoring checkpoints and rollback triggers, each with
the verdict the run must end in. Their names start with monitoring_, so `pytest tests/faults -k
monitoring` runs them. App faults use the sandbox app's fault knobs; the database faults patch the
migration scripts; the Prometheus fault hands the run a thresholds file whose queries match nothing.
"""

from collections.abc import Callable
from pathlib import Path

from deploygates.manifest.thresholds import THRESHOLDS_FILE, load_thresholds
from deploygates.migration.files import resolve_sources
from deploygates.migration.tables import baseline_tables
from deploygates.proofs.advisories import lints
from tests.faults.catalog import Fault, patched_migrations
from tests.faults.proof_ids import on_target
from tests.faults.smoke_faults import ACCESS, APP_GATES, EXPERIENCE, FUNCTIONAL, knobs

ROWS = "checks/postdeploy/test_monitoring_checkpoints.py::test_checkpoint_holds"
ALL_ROWS = tuple(row.id for row in load_thresholds(THRESHOLDS_FILE).checkpoints)
TABLES = [t for t in baseline_tables(resolve_sources(None, None, None, None)) if t.startswith("public.")]
# The sandbox's practitioner test account (seed 42, 300 users) is among the users refused at 6 % already:
# the gates that sign it in cannot check their fact (INCONCLUSIVE), and the sign-in gate fails (HOLD).
PRACTITIONER_REFUSED = frozenset({
    f"{EXPERIENCE}::test_every_test_account_signs_in",
    f"{EXPERIENCE}::test_practitioner_dashboards_unchanged",
    f"{EXPERIENCE}::test_every_link_resolves[practitioner]",
    f"{FUNCTIONAL}::test_coach_dashboard_refuses_a_practitioner",
    f"{FUNCTIONAL}::test_practitioner_opens_own_dashboard",
})
# Every gate that opens a new database session after the migration (the app's pool included).
NEEDS_A_SESSION = frozenset({
    *APP_GATES,
    *(f"{ACCESS}::test_users_see_the_same_rows[{table}]" for table in TABLES),
    f"{ACCESS}::test_nobody_reads_unlinked_profiles", f"{ACCESS}::test_nobody_reads_unlinked_journal_entries",
    *(f"checks/migration/test_technical_success_metrics.py::{name}" for name in (
        "test_users_with_organization_equal_total_users", "test_coach_assignments_equal_sponsor_relationships",
        "test_table_statistics_list_every_table")),
    "checks/migration/test_validate_migration.py::test_validation_script_passes_on_target",
    *(f"checks/postdeploy/test_rollback_triggers.py::test_no_critical_data_corruption[{check}]"
      for check in ("constraints_validated", "indexes_valid", "no_orphan_references")),
    *on_target(*(lint.name for lint in lints())),
})


def rows(*ids: str) -> frozenset[str]:
    return frozenset(f"{ROWS}[{row}]" for row in ids)


def thresholds_with(old: str, new: str) -> Callable[[Path], list[str]]:
    """--thresholds pointing at a copy of thresholds.toml with `old` replaced by `new` everywhere."""
    def build(workdir: Path) -> list[str]:
        text = THRESHOLDS_FILE.read_text()
        assert old in text, f"thresholds.toml has no {old!r} to replace"
        target = workdir / "thresholds.toml"
        target.write_text(text.replace(old, new))
        return [f"--thresholds={target}"]
    return build


# The last migration script leaves the database refusing every new session at start-up, the gates'
# included (a library to preload that does not exist: FATAL before authentication completes).
POD_USAGE = "checks/postdeploy/test_performance_monitoring.py::test_every_application_pod_reports_its_usage"
FIRST_SESSION = "checks/migration/test_technical_success_metrics.py::test_users_with_organization_equal_total_users"
REFUSE_CONNECTIONS = """DO $refuse$ BEGIN
    EXECUTE format('ALTER DATABASE %I SET session_preload_libraries = %L', current_database(), 'refuse_all');
END $refuse$;"""
# A restrictive policy that lets every row through, slowly: the organization page's query takes 0.5 s.
SLOW_ORGANIZATIONS = ("CREATE POLICY organizations_slow ON public.organizations AS RESTRICTIVE FOR SELECT "
                      "TO authenticated USING (pg_sleep(0.5) IS NOT NULL);")
# Three users write to support the day after the migration (the sandbox reads the day that ends 14 days
# before its latest activity: fixtures/monitoring/business.py).
TICKETS_AFTER = """INSERT INTO public.support_tickets (user_id, subject, message, created_at, updated_at)
SELECT NULL, 'My coach is gone', 'Since the update I cannot see my sponsor.', t.at, t.at
  FROM (SELECT max(created_at) - interval '14 days' - make_interval(hours => n) AS at
          FROM public.journal_entries, generate_series(1, 3) AS n GROUP BY n) AS t;"""

FAULTS = (
    Fault(
        "monitoring_signin_failures_6_percent",
        "the deployed app refuses the correct password of 6 % of the users",
        knobs(signin_failure_rate=0.06),
        rows("login-failure-rate") | PRACTITIONER_REFUSED,
        marker="postdeploy", verdict="CONSIDER_ROLLBACK",
    ),
    Fault(
        "monitoring_signin_failures_12_percent",
        "the deployed app refuses the correct password of 12 % of the users",
        knobs(signin_failure_rate=0.12),
        rows("login-failure-rate") | PRACTITIONER_REFUSED,
        marker="postdeploy", verdict="ROLLBACK_NOW",
    ),
    Fault(
        "monitoring_organization_page_takes_6_seconds",
        "the organization page answers after 6 s (p95 of the route above 5 s)",
        knobs(routes={"/api/organization": {"latency_ms": 6000}}),
        rows("api-response-time", "performance-p95-prometheus"),
        marker="postdeploy", verdict="CONSIDER_ROLLBACK",
    ),
    Fault(
        "monitoring_error_rate_2_percent",
        "the deployed app answers 2 % of API requests with 500",
        knobs(error_rate=0.02),
        rows("error-rate", "service-availability"),
        marker="postdeploy", verdict="HOLD",
    ),
    Fault(
        "monitoring_metrics_endpoint_down",
        "the app's /metrics answers 503: neither the app's counters nor Prometheus have data",
        knobs(metrics_down=True),
        rows("error-rate", "performance-p95-prometheus"),
        marker="postdeploy", verdict="INCONCLUSIVE",
    ),
    Fault(
        "monitoring_prometheus_answers_empty",
        "Prometheus scrapes the app under another job name than the queries ask for: every answer is empty",
        thresholds_with('job="virtue-app"', 'job="virtue-web"'),
        rows("performance-p95-prometheus"),
        marker="postdeploy", verdict="INCONCLUSIVE",
    ),
    Fault(
        "monitoring_database_refuses_connections",
        "after the migration the database refuses every new connection",
        patched_migrations("_indexes.sql", REFUSE_CONNECTIONS),
        # One root cause, met by the first gate (in collection order) that opens the gated database: after the
        # deployment, "Database connection failures" (RBNOW-2). The app, which cannot start, the monitoring rows
        # and every other gate that needs a session are blocked by it.
        frozenset({FIRST_SESSION}), marker="postdeploy", verdict="ROLLBACK_NOW",
        # The sandbox's platform state is prepared with its database: the pod usage gate waits for it too.
        blocked=(rows(*ALL_ROWS) | NEEDS_A_SESSION | {POD_USAGE}) - {FIRST_SESSION},
    ),
    Fault(
        "monitoring_slow_organization_queries",
        "a restrictive RLS policy makes every read of organizations sleep 0.5 s",
        patched_migrations("_schema.sql", SLOW_ORGANIZATIONS),
        rows("organization-query-time"),
        marker="postdeploy", verdict="HOLD",
    ),
    Fault(
        "monitoring_support_tickets_rise",
        "three support tickets in the day after the migration, against 6 in the four weeks before",
        patched_migrations("_data.sql", TICKETS_AFTER),
        # Admins read every ticket, so the access gate sees the new ones too (HOLD).
        rows("support-tickets") | {f"{ACCESS}::test_users_see_the_same_rows[public.support_tickets]"},
        marker="postdeploy", verdict="CONSIDER_ROLLBACK",
    ),
)
