"""Node ids of the gates that prove access, write paths, sequences, security and the team's database tests in
the rehearsal (and the live-target security gate), for the fault catalog's expectations."""

from __future__ import annotations

PRE = "checks/predeploy"
ACCESS = f"{PRE}/test_access_rehearsal.py::test_users_read_the_same_rows_after_migration[public.{{}}]"
WRITES = f"{PRE}/test_write_paths.py::test_user_writes_succeed_as_before[public.{{}}]"
SEQUENCES_MIGRATED = f"{PRE}/test_sequences.py::test_sequences_ahead_after_migration"
SEQUENCES_ROLLED_BACK = f"{PRE}/test_sequences.py::test_sequences_ahead_after_rollback"
ADVISORY = f"{PRE}/test_security_advisories.py::test_migration_introduces_no_security_advisory[{{}}]"
ON_TARGET = "checks/postdeploy/test_security_on_target.py::test_no_security_advisory_introduced[{}]"
PGTAP = f"{PRE}/test_database_tests.py::test_pgtap_assertion_passes[{{}}]"
PLPGSQL = f"{PRE}/test_database_tests.py::test_changed_functions_pass_plpgsql_check"
REFERENCES = f"{PRE}/test_static_checks.py::test_script_references_exist[20250103_organizational_model_{{}}.sql]"


def reads(*tables: str) -> set[str]:
    return {ACCESS.format(table) for table in tables}


def writes(*tables: str) -> set[str]:
    return {WRITES.format(table) for table in tables}


def advisories(*lints: str) -> set[str]:
    return {ADVISORY.format(lint) for lint in lints}


def on_target(*lints: str) -> set[str]:
    return {ON_TARGET.format(lint) for lint in lints}
