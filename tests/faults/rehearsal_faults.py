"""Faults in the files the rehearsal plays: migration scripts, validation script, rollback script; and one
only a rehearsal on production's data copy (--backup) can catch."""

import shutil
from pathlib import Path

from deploygates import resources
from deploygates.migration.corruption import corruptions
from tests.faults.catalog import Fault, patched_file, patched_migrations, replaced_file
from tests.faults.phase1_faults import backup, backup_sql

PRESERVE = "checks/predeploy/test_migration_rehearsal.py::test_migration_preserves_table_data"
ROLLBACK = "checks/predeploy/test_rollback_rehearsal.py"
CORRUPTION = "checks/predeploy/test_validation_preparation.py::test_validation_rejects_corruption"

# Production has live links no invitation describes (a sponsor added by support); generated data has none.
LINK_WITHOUT_INVITATION = """INSERT INTO public.sponsor_connections (practitioner_user_id, sponsor_user_id, status)
SELECT p.id, s.id, 'active'
  FROM (SELECT id FROM public.profiles WHERE role = 'user' AND id NOT IN
          (SELECT practitioner_id FROM public.sponsor_relationships UNION SELECT practitioner_user_id
             FROM public.sponsor_connections) ORDER BY id LIMIT 1) p,
       (SELECT id FROM public.profiles WHERE role = 'sponsor' ORDER BY id LIMIT 1) s;"""
LINKS_STEP = "-- Active live links that no relationship describes still need their coach assignment."


def without_the_links_step(workdir: Path) -> list[str]:
    """--migrations whose data script forgets the active links no relationship describes."""
    target = workdir / "migrations"
    shutil.copytree(resources.MIGRATIONS_DIR, target)
    (script,) = target.glob("*_data.sql")
    text = script.read_text()
    start = text.index(LINKS_STEP)
    script.write_text(text[:start] + text[text.index("ON CONFLICT", start):].split("\n", 1)[1])
    return ["--migrations", str(target)]


def on_production_data(workdir: Path) -> list[str]:
    return [*without_the_links_step(workdir), *backup(lambda: backup_sql(LINK_WITHOUT_INVITATION).encode())(workdir)]


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
    Fault(
        "migration_misses_links_only_production_has",
        "the data script forgets active links without an invitation: production's copy has one, generated data none",
        on_production_data,
        frozenset({
            "checks/predeploy/test_validation_preparation.py::test_guarantee_holds_after_rehearsal"
            "[active_connections_mirrored]",
            "checks/predeploy/test_migration_rehearsal.py::test_validation_passes_after_migration",
            f"{ROLLBACK}::test_migration_reapplies_after_rollback",
        }),
    ),
)
