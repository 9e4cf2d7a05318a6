"""Faults the Phase-1 readiness gates must catch: bad backups, scripts that lock or run too long,
a lint hazard on a large table, and a rollback that would not fit its budget.

Backups here are plain-format pg_dumps of the nested run's own pre-migration database (built on the shared
server at the nested run's size, as the nested run builds it), with the fault's own change at the end.
"""

import os
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from deploygates import resources
from deploygates.migration.files import resolve_sources
from deploygates.migration.tables import baseline_tables
from deploygates.migration.template import DatasetSpec, build_template
from deploygates.postgres.connections import dsn_for
from deploygates.postgres.psql import client_tool, split_password
from tests.faults.catalog import Fault, patched_file, patched_migrations
from tests.faults.harness import FAULT_USERS

BACKUP = "checks/predeploy/test_backup_verification.py"
WINDOW = "checks/predeploy/test_maintenance_window.py"
LOCKS = "checks/predeploy/test_lock_observation.py"
LINT = "checks/predeploy/test_migration_lint.py::test_no_lock_hazard_on_a_large_table"
COUNTS = [f"{BACKUP}::test_backup_row_count_matches_target[{t}]" for t in baseline_tables(resolve_sources())]
# The Phase-1 gates a migration script that fails makes fail too (nothing to time, observe or roll
# back): for the caught_by of such faults in other modules.
AFTER_A_FAILED_MIGRATION = frozenset({
    f"{WINDOW}::test_phase1_forecast_fits_the_window", f"{WINDOW}::test_rollback_time_within_budget",
    f"{WINDOW}::test_rollback_forecast_within_budget",
    f"{LOCKS}::test_no_long_access_exclusive_lock_on_large_tables",
    f"{LOCKS}::test_application_traffic_never_waits_long_for_a_lock",
})
# A journal entry nobody gave feedback on: deleting it cascades nowhere.
DELETE_ONE_ENTRY = """DELETE FROM public.journal_entries WHERE id = (SELECT max(j.id) FROM public.journal_entries j
 WHERE NOT EXISTS (SELECT 1 FROM public.sponsor_feedback f WHERE f.journal_entry_id = j.id));"""
INDEX = "journal_entries_created_at_idx"


def backup_sql(change: str = "") -> str:
    """A plain pg_dump of the sandbox at the nested run's size, with `change` applied at the end."""
    admin = os.environ["SANDBOX_DATABASE_URL"]  # the shared server, set by the harness before build()
    template = build_template(admin, None, resolve_sources(), DatasetSpec(int(FAULT_USERS), 42))
    conninfo, env = split_password(dsn_for(admin, template.name))
    dump = subprocess.run([str(client_tool(None, "pg_dump")), "--format=plain", "-d", conninfo],
                          capture_output=True, text=True, timeout=600, check=True, env={**os.environ, **env})
    return "\n".join([dump.stdout, change, ""])


def backup(content: Callable[[], bytes], age_hours: float = 0) -> Callable[[Path], list[str]]:
    def build(workdir: Path) -> list[str]:
        target = workdir / "backup.sql"
        target.write_bytes(content())
        stamp = time.time() - age_hours * 3600
        os.utime(target, (stamp, stamp))
        return ["--backup", str(target)]
    return build


def both(*builds: Callable[[Path], list[str]]) -> Callable[[Path], list[str]]:
    return lambda workdir: [arg for build in builds for arg in build(workdir)]


def thresholds(**values: float) -> Callable[[Path], list[str]]:
    """--thresholds pointing at a copy of thresholds.toml with `values` changed."""
    def build(workdir: Path) -> list[str]:
        lines = (resources.THRESHOLDS_FILE).read_text().splitlines()
        changed = [next((f"{k} = {v}" for k, v in values.items() if line.startswith(f"{k} =")), line)
                   for line in lines]
        target = workdir / "thresholds.toml"
        target.write_text("\n".join(changed) + "\n")
        return ["--thresholds", str(target)]
    return build


FAULTS = (
    Fault("phase1_stale_backup", "the backup file was written 48 hours ago",
          backup(lambda: backup_sql().encode(), age_hours=48),
          frozenset({f"{BACKUP}::test_backup_is_recent"})),
    Fault("phase1_backup_missing_rows", "the backup lacks one journal entry the database holds",
          both(backup(lambda: backup_sql(DELETE_ONE_ENTRY).encode()), lambda workdir: ["--generated-data"]),
          frozenset({f"{BACKUP}::test_backup_row_count_matches_target[public.journal_entries]"})),
    Fault("phase1_corrupt_backup", "the backup is a pg_dump archive with a garbled body",
          backup(lambda: b"PGDMP" + bytes(range(7, 250)) * 64),
          frozenset({f"{BACKUP}::test_backup_restores_into_a_scratch_database", *COUNTS})),
    Fault("phase1_access_exclusive_lock_on_large_table",
          "the data script holds ACCESS EXCLUSIVE on journal_entries for 7 seconds",
          patched_migrations("_data.sql", "LOCK TABLE public.journal_entries IN ACCESS EXCLUSIVE MODE;\n"
                                          "SELECT pg_sleep(7);"),
          frozenset({f"{LOCKS}::test_no_long_access_exclusive_lock_on_large_tables",
                     f"{LOCKS}::test_application_traffic_never_waits_long_for_a_lock"})),
    Fault("phase1_migration_too_slow_for_the_window", "the data script spends 3 ms per profile",
          patched_migrations("_data.sql", "SELECT count(pg_sleep(0.003)) FROM public.profiles;"),
          frozenset({f"{WINDOW}::test_phase1_forecast_fits_the_window"})),
    Fault("phase1_lint_hazard_on_large_table", "the index script builds an index on journal_entries, not concurrently",
          both(patched_migrations("_indexes.sql", f"CREATE INDEX {INDEX} ON public.journal_entries (created_at);"),
               patched_file("--rollback", resources.ROLLBACK_FILE, f"DROP INDEX IF EXISTS public.{INDEX};")),
          frozenset({f"{LINT}[20250103_organizational_model_indexes.sql]"})),
    Fault("phase1_rollback_too_slow_at_target_size", "the rollback spends 5 ms per profile",
          patched_file("--rollback", resources.ROLLBACK_FILE, "SELECT count(pg_sleep(0.005)) FROM public.profiles;"),
          frozenset({f"{WINDOW}::test_rollback_forecast_within_budget"})),
    Fault("phase1_no_time_for_a_rollback", "the rollback budget is zero minutes",
          thresholds(rollback_budget_minutes=0),
          frozenset({f"{WINDOW}::test_rollback_time_within_budget",
                     f"{WINDOW}::test_rollback_forecast_within_budget"})),
)
