"""Faults in the files the rehearsal plays: migration scripts, validation script, rollback script."""

from deploygates import resources
from deploygates.migration.corruption import corruptions
from tests.faults.catalog import Fault, patched_file, patched_migrations, replaced_file

PRESERVE = "checks/predeploy/test_migration_rehearsal.py::test_migration_preserves_table_data"
ROLLBACK = "checks/predeploy/test_rollback_rehearsal.py"
CORRUPTION = "checks/predeploy/test_validation_preparation.py::test_validation_rejects_corruption"

FAULTS = (
    Fault(
        "data_script_deletes_a_journal_entry",
        "the data migration deletes one journal entry",
        patched_migrations(
            "_data.sql", "DELETE FROM public.journal_entries WHERE id = (SELECT min(id) FROM public.journal_entries);"
        ),
        frozenset({
            f"{PRESERVE}[public.journal_entries]",
            f"{ROLLBACK}::test_rollback_restores_table_data[public.journal_entries]",
        }),
    ),
    Fault(
        "validation_that_never_fails",
        "the validation script checks nothing and always exits 0",
        replaced_file("--validation", resources.VALIDATION_FILE,
                      "\\set ON_ERROR_STOP on\nSELECT 'all good' AS verdict;\n"),
        frozenset({"checks/predeploy/test_migration_rehearsal.py::test_validation_fails_before_migration",
                   *(f"{CORRUPTION}[{c.name}]" for c in corruptions())}),
    ),
    Fault(
        "rollback_leaves_profiles_organization_id",
        "the rollback leaves the column profiles.organization_id behind",
        patched_file("--rollback", resources.ROLLBACK_FILE,
                     "ALTER TABLE public.profiles ADD COLUMN organization_id uuid;"),
        frozenset({f"{ROLLBACK}::test_rollback_restores_schema"}),
    ),
)
