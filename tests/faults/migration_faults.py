"""Faults the migration gates must catch: breakages of the migration scripts (seen by the rehearsal's
checks, or during the window by the read-only checks and success metrics) and of the rollback script
(seen by the rehearsal and by `-m rollback` against the recorded baseline catalog).

Where the validation script sees the breakage too, the rehearsal's validation tests fail with it:
after the migration and again after the rollback and re-apply.
"""

from collections.abc import Callable
from pathlib import Path

from deploygates import resources
from deploygates.migration.corruption import corruptions
from deploygates.migration.files import resolve_sources
from deploygates.migration.tables import baseline_tables
from deploygates.postgres.queries import CHECKS_DIR, named_queries
from deploygates.proofs.advisories import lints
from tests.faults import proof_ids
from tests.faults.catalog import Fault, patched_file, patched_migrations
from tests.faults.checksum_faults import edited_after_rehearsal

PRE = "checks/predeploy/test_validation_preparation.py"
MIG = "checks/migration/test_validate_migration.py"
METRICS = "checks/migration/test_technical_success_metrics.py"
REHEARSAL = "checks/predeploy/test_migration_rehearsal.py"
ROLLBACK = "checks/predeploy/test_rollback_rehearsal.py"
DB_ROLLBACK = "checks/rollback/test_database_rollback.py::test_catalog_equals_the_recorded_pre_migration_catalog"
# The rehearsal's validation runs after the migration and after the rollback and re-apply.
VALIDATION = frozenset({
    f"{REHEARSAL}::test_validation_passes_after_migration", f"{ROLLBACK}::test_migration_reapplies_after_rollback",
})
WINDOW_VALIDATION = f"{MIG}::test_validation_script_passes_on_target"
ROLLBACK_MARKER = "predeploy or rollback"  # the predeploy part records the baseline the rollback part reads


def rehearsed(check: str) -> frozenset[str]:
    """The rehearsal's check `check` and its validation runs."""
    return VALIDATION | {f"{PRE}::test_guarantee_holds_after_rehearsal[{check}]"}


def in_window(check: str, *metrics: str) -> frozenset[str]:
    """The window's check `check`, the validation script on the target, and the success metrics named."""
    return frozenset({f"{MIG}::test_guarantee_holds_on_target[{check}]", WINDOW_VALIDATION,
                      *(f"{METRICS}::{metric}" for metric in metrics)})


def table_changed(table: str) -> frozenset[str]:
    return frozenset({f"{REHEARSAL}::test_migration_preserves_table_data[{table}]",
                      f"{ROLLBACK}::test_rollback_restores_table_data[{table}]"})


# The phase-1 readiness gates time the scripts and watch their locks: a script that fails stops them too.
READINESS = frozenset({
    "checks/predeploy/test_maintenance_window.py::test_phase1_forecast_fits_the_window",
    "checks/predeploy/test_maintenance_window.py::test_rollback_forecast_within_budget",
    "checks/predeploy/test_maintenance_window.py::test_rollback_time_within_budget",
    "checks/predeploy/test_lock_observation.py::test_no_long_access_exclusive_lock_on_large_tables",
    "checks/predeploy/test_lock_observation.py::test_application_traffic_never_waits_long_for_a_lock",
})


def migration_stopped_at(script: str) -> frozenset[str]:
    """The one root cause of a migration script that fails: its own rehearsal gate."""
    return frozenset({f"{REHEARSAL}::test_migration_script_applies[{script}]"})


def downstream_of(script: str) -> frozenset[str]:
    """Everything downstream of a migration script that fails, blocked by it: the rehearsal stops there."""
    sources = resolve_sources()
    names = [f.name for f in sources.migrations]
    tables = baseline_tables(sources)
    public = [table.removeprefix("public.") for table in tables if table.startswith("public.")]
    return READINESS | frozenset({
        *(f"{REHEARSAL}::test_migration_script_applies[{name}]" for name in names[names.index(script):]),
        f"{REHEARSAL}::test_validation_passes_after_migration",
        *(f"{REHEARSAL}::test_migration_preserves_table_data[{table}]" for table in tables),
        *(f"{ROLLBACK}::{test}" for test in ("test_rollback_script_applies", "test_rollback_restores_schema",
                                             "test_migration_reapplies_after_rollback")),
        *(f"{ROLLBACK}::test_rollback_restores_table_data[{table}]" for table in tables),
        *(f"{PRE}::test_guarantee_holds_after_rehearsal[{check.name}]" for check in named_queries(CHECKS_DIR)),
        *(f"{PRE}::{test}[{c.name}]" for c in corruptions()
          for test in ("test_validation_rejects_corruption", "test_our_check_flags_corruption")),
        *proof_ids.reads(*public), *proof_ids.writes(*public), *proof_ids.advisories(*(lint.name for lint in lints())),
        proof_ids.SEQUENCES_MIGRATED, proof_ids.SEQUENCES_ROLLED_BACK, proof_ids.PLPGSQL,
    })


DATA_SCRIPT = "20250103_organizational_model_data.sql"


def with_private_baselines(build: Callable[[Path], list[str]]) -> Callable[[Path], list[str]]:
    """The run's predeploy part records the pre-migration catalog into the fault's own directory."""
    def wrapped(workdir: Path) -> list[str]:
        return [*build(workdir), "--recorded", str(workdir / "recorded")]
    return wrapped


def without_line(option: str, source: Path, line: str) -> Callable[[Path], list[str]]:
    """`option` pointing at a copy of `source` without the line `line`."""
    def build(workdir: Path) -> list[str]:
        lines = source.read_text().splitlines(keepends=True)
        kept = [text for text in lines if text.strip() != line]
        if len(kept) != len(lines) - 1:
            raise ValueError(f"{source.name} has no single line {line!r}")
        (workdir / source.name).write_text("".join(kept))
        return [option, str(workdir / source.name)]
    return build


FIRST_INACTIVE_ASSIGNMENT = (
    "(SELECT a.id FROM public.practitioner_assignments a JOIN public.sponsor_relationships r"
    " ON r.sponsor_id = a.supervisor_id AND r.practitioner_id = a.practitioner_id"
    " WHERE r.status = 'inactive' ORDER BY a.id LIMIT 1)"
)
UNASSIGNED_USER = (
    "(SELECT p.id FROM public.profiles p WHERE p.role = 'user' AND NOT EXISTS"
    " (SELECT 1 FROM public.practitioner_assignments a WHERE a.practitioner_id = p.id) ORDER BY p.id LIMIT 1)"
)

FAULTS = (
    Fault("migration_loses_a_progress_row", "the data migration deletes one row of virtue progress",
          patched_migrations("_data.sql", "DELETE FROM public.user_virtue_stage_progress WHERE id ="
                             " (SELECT min(id) FROM public.user_virtue_stage_progress);"),
          table_changed("public.user_virtue_stage_progress")),
    Fault("migration_changes_an_assessment_score", "the data migration changes one assessment's priority score",
          patched_migrations("_data.sql", "UPDATE public.user_assessment_results SET priority_score ="
                             " priority_score + 1 WHERE id = (SELECT min(id) FROM public.user_assessment_results);"),
          table_changed("public.user_assessment_results")),
    Fault("relationship_not_converted", "one sponsor relationship gets no coach assignment (seen in the window)",
          patched_migrations("_data.sql", f"DELETE FROM public.practitioner_assignments WHERE id = "
                             f"{FIRST_INACTIVE_ASSIGNMENT};"),
          in_window("sponsor_relationships_have_one_coach_assignment",
                    "test_coach_assignments_equal_sponsor_relationships") | edited_after_rehearsal("_data.sql"),
          marker="migration"),
    Fault("inactive_relationship_converted_as_active", "an inactive relationship becomes an active coach assignment",
          patched_migrations("_data.sql", f"UPDATE public.practitioner_assignments SET active = true WHERE id = "
                             f"{FIRST_INACTIVE_ASSIGNMENT};"),
          rehearsed("coach_assignment_activity_matches_relationship")),
    Fault("admin_loses_admin_role", "the data migration gives an admin only the practitioner role",
          patched_migrations("_data.sql", "UPDATE public.profiles SET roles = ARRAY['practitioner'] WHERE id ="
                             " (SELECT id FROM public.profiles WHERE role = 'admin' ORDER BY id LIMIT 1);"),
          rehearsed("admins_keep_admin_role")),
    Fault("wrong_active_user_count", "the default organization's active_user_count is one short",
          patched_migrations("_data.sql", "UPDATE public.organizations SET active_user_count = active_user_count - 1"
                             " WHERE slug = 'individual-users';"),
          rehearsed("active_user_count_correct")),
    Fault("profile_left_without_organization", "one user stays without organization (seen in the window)",
          patched_migrations("_data.sql", "ALTER TABLE public.profiles ALTER COLUMN organization_id DROP NOT NULL;\n"
                             f"UPDATE public.profiles SET organization_id = NULL WHERE id = {UNASSIGNED_USER};"),
          in_window("profiles_have_organization", "test_users_with_organization_equal_total_users")
          | edited_after_rehearsal("_data.sql"), marker="migration"),
    Fault("invalid_index", "the index script leaves an invalid index, as a failed CREATE INDEX CONCURRENTLY does",
          patched_migrations("_indexes.sql", "UPDATE pg_catalog.pg_index SET indisvalid = false WHERE indexrelid ="
                             " 'public.practitioner_assignments_supervisor_id_idx'::regclass;"),
          rehearsed("indexes_valid")),
    Fault("invalid_index_after_rollout", "the live database carries an invalid index after the rollout",
          patched_migrations("_indexes.sql", "UPDATE pg_catalog.pg_index SET indisvalid = false WHERE indexrelid ="
                             " 'public.practitioner_assignments_supervisor_id_idx'::regclass;"),
          frozenset({"checks/postdeploy/test_rollback_triggers.py::test_no_critical_data_corruption[indexes_valid]",
                     WINDOW_VALIDATION}),
          marker="postdeploy", verdict="ROLLBACK_NOW"),
    Fault("new_table_dropped", "the index script drops a new table (seen in the window's table statistics)",
          patched_migrations("_indexes.sql", "DROP TABLE public.organization_invitations;"),
          in_window("authenticated_grants_on_new_tables", "test_table_statistics_list_every_table")
          | edited_after_rehearsal("_indexes.sql"), marker="migration"),
    Fault("rls_missing_on_new_table", "the schema script leaves row level security off on a new table",
          patched_migrations("_schema.sql", "ALTER TABLE public.organization_invitations DISABLE ROW LEVEL SECURITY;"),
          rehearsed("rls_enabled_on_public_tables")
          | proof_ids.advisories("rls_disabled_in_exposed_schema", "policies_on_table_without_rls")),
    Fault("grant_revoked_on_existing_table", "the schema script revokes DELETE on sponsor_feedback from authenticated",
          patched_migrations("_schema.sql", "REVOKE DELETE ON public.sponsor_feedback FROM authenticated;"),
          rehearsed("authenticated_grants_on_existing_tables") | {f"{ROLLBACK}::test_rollback_restores_schema"}
          | proof_ids.writes("sponsor_feedback")),
    Fault("rollback_leaves_a_function", "the rollback forgets to drop public.default_organization_id()",
          with_private_baselines(without_line("--rollback", resources.ROLLBACK_FILE,
                                              "DROP FUNCTION IF EXISTS public.default_organization_id();")),
          frozenset({f"{ROLLBACK}::test_rollback_restores_schema", DB_ROLLBACK}), marker=ROLLBACK_MARKER),
    Fault("rollback_leaves_a_policy", "the rollback leaves a policy on profiles behind",
          with_private_baselines(patched_file("--rollback", resources.ROLLBACK_FILE,
                                              "CREATE POLICY profiles_select_organization ON public.profiles"
                                              " FOR SELECT TO authenticated USING (false);")),
          frozenset({f"{ROLLBACK}::test_rollback_restores_schema", DB_ROLLBACK}), marker=ROLLBACK_MARKER),
    Fault("migration_fails_halfway", "the data script fails after its updates, before COMMIT",
          patched_migrations("_data.sql", "DO $$ BEGIN RAISE EXCEPTION 'fault: the data step fails halfway'; END $$;"),
          migration_stopped_at(DATA_SCRIPT), verdict="HOLD",
          blocked=downstream_of(DATA_SCRIPT) - migration_stopped_at(DATA_SCRIPT)),
)
