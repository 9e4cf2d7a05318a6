"""Faults of the night's scripts against their rehearsal: a file edited, added or left as rehearsed but run in
another version. Each fault records the reference set's rehearsal in its own folder (as a GO rehearsal of
it would), then hands the night a different file; only the checksum gate of that file (and, for an added
script, the list gate) may fail."""

from collections.abc import Callable
from pathlib import Path
from shutil import copytree

from deploygates import resources
from deploygates.migration.files import ORDER_FILE, resolve_sources
from deploygates.records import save_rehearsed
from tests.faults.catalog import Fault

SCRIPTS = "checks/migration/test_rehearsed_scripts.py"
ROLLBACK = "checks/rollback/test_rehearsed_rollback.py::test_rollback_script_is_the_rehearsed_one"
EDIT = "\n-- edited after the rehearsal: a comment changes no behaviour, and still is not the rehearsed file\n"


def edited_after_rehearsal(suffix: str) -> frozenset[str]:
    """The checksum gate of the reference migration script ending in `suffix`."""
    (script,) = [path.name for path in resolve_sources().migrations if path.name.endswith(suffix)]
    return frozenset({f"{SCRIPTS}::test_migration_script_is_the_rehearsed_one[{script}]"})


def rehearsed_then(change: Callable[[Path], list[str]]) -> Callable[[Path], list[str]]:
    """Record the reference files as rehearsed (GO) in the fault's own folder, then apply `change`."""
    def build(workdir: Path) -> list[str]:
        save_rehearsed(workdir / "recorded", resolve_sources(), {"target": "sandbox", "verdict": "GO"})
        return [*change(workdir), f"--recorded={workdir / 'recorded'}"]
    return build


def edited_migration(suffix: str) -> Callable[[Path], list[str]]:
    def change(workdir: Path) -> list[str]:
        copytree(resources.MIGRATIONS_DIR, workdir / "migrations")
        (script,) = (workdir / "migrations").glob(f"*{suffix}")
        script.write_text(script.read_text() + EDIT)
        return [f"--migrations={workdir / 'migrations'}"]
    return change


def added_migration(workdir: Path) -> list[str]:
    copytree(resources.MIGRATIONS_DIR, workdir / "migrations")
    (workdir / "migrations" / "20250104_hotfix.sql").write_text("-- a hotfix nobody rehearsed\nSELECT 1;\n")
    with (workdir / "migrations" / ORDER_FILE).open("a") as order:
        order.write("20250104_hotfix.sql\n")
    return [f"--migrations={workdir / 'migrations'}"]


def edited_file(option: str, source: Path) -> Callable[[Path], list[str]]:
    def change(workdir: Path) -> list[str]:
        (workdir / source.name).write_text(source.read_text() + EDIT)
        return [f"{option}={workdir / source.name}"]
    return change


FAULTS = (
    Fault("checksum_data_script_edited_after_rehearsal", "the data script run tonight is not the rehearsed one",
          rehearsed_then(edited_migration("_data.sql")), edited_after_rehearsal("_data.sql"), marker="migration",
          verdict="HOLD"),
    Fault("checksum_script_added_after_rehearsal", "a migration script nobody rehearsed is added to tonight's set",
          rehearsed_then(added_migration),
          frozenset({f"{SCRIPTS}::test_migration_script_is_the_rehearsed_one[20250104_hotfix.sql]",
                     f"{SCRIPTS}::test_migration_scripts_are_the_rehearsed_list"}), marker="migration"),
    Fault("checksum_validation_edited_after_rehearsal", "the validation script run tonight is not the rehearsed one",
          rehearsed_then(edited_file("--validation", resources.VALIDATION_FILE)),
          frozenset({f"{SCRIPTS}::test_validation_script_is_the_rehearsed_one"}), marker="migration"),
    Fault("checksum_rollback_edited_after_rehearsal", "the rollback script run tonight is not the rehearsed one",
          rehearsed_then(edited_file("--rollback", resources.ROLLBACK_FILE)), frozenset({ROLLBACK}),
          marker="rollback", verdict="HOLD"),
)
