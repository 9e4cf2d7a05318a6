"""The fault catalog: small, named breakages of the sandbox and the gates that must catch them.

Each fault writes faulty copies of the files under test into a scratch directory and names the
option that points the suite at them. `caught_by` is the exact set of gate tests that must fail.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fixtures import paths


@dataclass(frozen=True)
class Fault:
    name: str
    description: str
    option: str
    build: Callable[[Path], Path]
    caught_by: frozenset[str]
    marker: str = "predeploy"


def before_commit(text: str, statement: str) -> str:
    """Insert a statement before the script's final COMMIT (the scripts run in one transaction)."""
    matches = list(re.finditer(r"^\s*COMMIT\s*;", text, flags=re.IGNORECASE | re.MULTILINE))
    if not matches:
        raise ValueError("the script has no COMMIT; to insert the fault before")
    at = matches[-1].start()
    return text[:at] + statement + "\n" + text[at:]


def patched_migrations(suffix: str, statement: str) -> Callable[[Path], Path]:
    def build(workdir: Path) -> Path:
        target = workdir / "migrations"
        shutil.copytree(paths.MIGRATIONS_DIR, target)
        (script,) = target.glob(f"*{suffix}")
        script.write_text(before_commit(script.read_text(), statement))
        return target
    return build


def patched_file(source: Path, statement: str) -> Callable[[Path], Path]:
    def build(workdir: Path) -> Path:
        target = workdir / source.name
        target.write_text(before_commit(source.read_text(), statement))
        return target
    return build


def replaced_file(source: Path, content: str) -> Callable[[Path], Path]:
    def build(workdir: Path) -> Path:
        target = workdir / source.name
        target.write_text(content)
        return target
    return build


PRESERVE = "checks/predeploy/test_migration_rehearsal.py::test_migration_preserves_table_data"
ROLLBACK = "checks/predeploy/test_rollback_rehearsal.py"

CATALOG = (
    Fault(
        "data_script_deletes_a_journal_entry",
        "the data migration deletes one journal entry",
        "--migrations",
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
        "--validation",
        replaced_file(paths.VALIDATION_FILE, "\\set ON_ERROR_STOP on\nSELECT 'all good' AS verdict;\n"),
        frozenset({"checks/predeploy/test_migration_rehearsal.py::test_validation_fails_before_migration"}),
    ),
    Fault(
        "rollback_leaves_profiles_organization_id",
        "the rollback leaves the column profiles.organization_id behind",
        "--rollback",
        patched_file(paths.ROLLBACK_FILE, "ALTER TABLE public.profiles ADD COLUMN organization_id uuid;"),
        frozenset({f"{ROLLBACK}::test_rollback_restores_schema"}),
    ),
)
