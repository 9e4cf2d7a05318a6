"""What is under test: the baseline, the migration scripts, the validation and the rollback, and the team's
own pgTAP files.

Defaults are the reference set's files; real users point the suite at their own with --baseline,
--migrations, --validation and --rollback, and at their database tests with --pgtap (none by default).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from deploygates import resources
from deploygates.migration.baseline import BaselineError, check_readable


class SourceError(Exception):
    """A file under test is missing or empty; the message names it and the option to fix."""


@dataclass(frozen=True)
class SqlSources:
    baseline: tuple[Path, ...]
    migrations: tuple[Path, ...]
    validation: Path
    rollback: Path
    pgtap: tuple[Path, ...] = ()  # the team's pgTAP files (supabase/tests/*.sql), run in the migrated clone

    def content(self, *files: Path) -> bytes:
        return b"".join(f.name.encode() + b"\0" + f.read_bytes() for f in files)


ORDER_FILE = "order.txt"


def sql_files(path: Path, option: str) -> tuple[Path, ...]:
    """A file, or a directory's *.sql files (and .dump archives) in the order its order.txt gives,
    else in name order. (The runbook's own names sort data < indexes < schema, the wrong way round.)"""
    if path.is_file():
        return (path,)
    if not path.is_dir():
        raise SourceError(f"{option} {path}: no such file or directory")
    if (path / ORDER_FILE).is_file():
        return ordered_files(path, option)
    files = tuple(sorted(p for p in path.iterdir() if p.suffix in (".sql", ".dump") and p.is_file()))
    if not files:
        raise SourceError(f"{option} {path}: the directory holds no .sql files")
    return files


def ordered_files(path: Path, option: str) -> tuple[Path, ...]:
    lines = (line.split("#", 1)[0].strip() for line in (path / ORDER_FILE).read_text().splitlines())
    names = [line for line in lines if line]
    missing = [name for name in names if not (path / name).is_file()]
    if missing or not names:
        listed = ", ".join(missing) or "none"
        raise SourceError(f"{option} {path}/{ORDER_FILE} names files that are not there: {listed}")
    unlisted = sorted({p.name for p in path.glob("*.sql")} - set(names))
    if unlisted:
        raise SourceError(f"{option} {path}: {', '.join(unlisted)} not listed in {ORDER_FILE}; add or remove it")
    return tuple(path / name for name in names)


def single_file(path: Path, option: str) -> Path:
    if not path.is_file():
        raise SourceError(f"{option} {path}: no such file; pass the path of the SQL script")
    return path


def baseline_files(path: Path) -> tuple[Path, ...]:
    """The baseline's files, each checked to be SQL text or a readable archive (one line if not)."""
    files = sql_files(path, "--baseline")
    for file in files:
        try:
            check_readable(file)
        except BaselineError as error:
            raise SourceError(f"--baseline {error}") from None
    return files


def pgtap_files(path: Path | None) -> tuple[Path, ...]:
    """The *.sql files of a pgTAP directory, in name order (as `supabase test db` and pg_prove take them)."""
    if path is None:
        return ()
    files = tuple(sorted(p for p in path.glob("*.sql") if p.is_file())) if path.is_dir() else ()
    if not files:
        raise SourceError(f"--pgtap {path}: not a directory of pgTAP .sql files (e.g. supabase/tests)")
    return files


def resolve_sources(
    baseline: Path | None = None,
    migrations: Path | None = None,
    validation: Path | None = None,
    rollback: Path | None = None,
    pgtap: Path | None = None,
) -> SqlSources:
    return SqlSources(
        baseline=baseline_files(baseline or resources.BASELINE_DIR),
        migrations=sql_files(migrations or resources.MIGRATIONS_DIR, "--migrations"),
        validation=single_file(validation or resources.VALIDATION_FILE, "--validation"),
        rollback=single_file(rollback or resources.ROLLBACK_FILE, "--rollback"),
        pgtap=pgtap_files(pgtap),
    )
