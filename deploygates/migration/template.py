"""The pre-migration stand-in for production, as a template: the baseline schema with generated data, or
the restore of a backup that holds data (a production data copy, `--backup`).

The template is built once per content (baseline files or backup, dataset generator, scale, seed) on a
server and reused: every rehearsal is a cheap `CREATE DATABASE … TEMPLATE` clone of it. Concurrent
processes (xdist workers, nested fault runs) agree through an advisory lock.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

from deploygates import cleanup, resources
from deploygates.dataset.load import DatasetReport, generate
from deploygates.migration.baseline import BaselineError, load_baseline
from deploygates.migration.files import SqlSources
from deploygates.postgres.connections import (
    advisory_lock,
    connect,
    content_key,
    create_database,
    database_exists,
    drop_database,
    dsn_for,
)
from deploygates.postgres.psql import ScriptRun, run_file

QUERIES = resources.PRELUDE_DIR
DATASET_SQL = sorted(resources.DATASET_DIR.rglob("*.sql"))
GENERATOR_CODE = sorted((resources.PACKAGE_DIR / "dataset").glob("*.py"))
MIN_USERS = 10  # the dataset generator's minimum (deploygates/sql/dataset/prologue.sql)
MIN_RUN_USERS = 2 * MIN_USERS  # the window forecast times a second dataset a tenth of --users, at least MIN_USERS


class BuildError(Exception):
    """The baseline or the dataset did not load; the message is one line naming the file and the fix."""


@dataclass(frozen=True)
class DatasetSpec:
    users: int = 10_000
    seed: int = 42
    backup: Path | None = None  # a backup holding data: the stand-in is its restore, not generated data

    def describe(self) -> str:
        if self.backup is not None:
            return f"the restored backup {self.backup}"
        return f"generated data ({self.users:,} users, seed {self.seed})"


@dataclass(frozen=True)
class Template:
    name: str
    runs: tuple[ScriptRun, ...]
    source: str = ""  # what the data is: generated (and how much) or a restored backup
    notes: tuple[str, ...] = ()  # what loading tolerated, and tables the generator could not fill


def template_name(sources: SqlSources, spec: DatasetSpec) -> str:
    if spec.backup is not None:
        return f"pre_migration_{content_key(spec.backup.name.encode(), spec.backup.read_bytes())}"
    generator = b"".join(path.read_bytes() for path in (*DATASET_SQL, *GENERATOR_CODE))
    key = content_key(sources.content(*sources.baseline), generator, f"{spec.users}:{spec.seed}".encode())
    return f"pre_migration_{key}"


def describe(spec: DatasetSpec, report: DatasetReport | None) -> str:
    return report.summary() if report is not None else spec.describe()


def fill(bindir: Path | None, dsn: str, sources: SqlSources, spec: DatasetSpec) -> Template:
    """Load the baseline and the data (or the backup) into the empty database `dsn`."""
    files = (spec.backup,) if spec.backup is not None else sources.baseline
    try:
        loaded = load_baseline(bindir, dsn, files, with_data=spec.backup is not None)
    except BaselineError as error:
        raise BuildError(str(error)) from None
    report = generate(dsn, spec.users, spec.seed) if spec.backup is None else None
    notes = (*loaded.notes, *(report.problems if report else ()))
    if spec.backup is not None:
        loaded.runs.append(run := run_file(bindir, dsn, QUERIES / "sandbox_passwords.sql"))
        if not run.ok:
            raise BuildError(f"the restored backup's identities could not get the sandbox password: {run.summary()}")
        notes += ("every identity of the restored copy signs in with the sandbox password (scratch copy only)",)
    return Template("", tuple(loaded.runs), describe(spec, report), notes)


def build_template(admin_dsn: str, bindir: Path | None, sources: SqlSources, spec: DatasetSpec) -> Template:
    name = template_name(sources, spec)
    with advisory_lock(admin_dsn, name):
        with connect(admin_dsn) as conn:
            if database_exists(conn, name):
                return described(conn, name, spec)
        staging = f"{name}_building"
        drop_database(admin_dsn, staging)
        dsn = create_database(admin_dsn, staging)
        try:
            built = fill(bindir, dsn, sources, spec)
        except BaseException:
            drop_database(admin_dsn, staging)
            raise
        with connect(admin_dsn) as conn:
            conn.execute(sql.SQL("ALTER DATABASE {} RENAME TO {}").format(sql.Identifier(staging),
                                                                         sql.Identifier(name)))
            # Processes that find the template built (xdist workers, nested runs) read what it holds here.
            conn.execute(sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                sql.Identifier(name), sql.Literal(json.dumps({"source": built.source, "notes": built.notes}))))
        cleanup.forget_database(admin_dsn, staging)  # the template itself is kept on purpose: it is reused
        return Template(name, built.runs, built.source, built.notes)


def described(conn: psycopg.Connection, name: str, spec: DatasetSpec) -> Template:
    """A template built earlier, with the description its builder left in the database's comment."""
    row = conn.execute((QUERIES / "database_comment.sql").read_text(), {"name": name}).fetchone()
    try:
        found = json.loads(row[0]) if row and row[0] else {}
    except ValueError:
        found = {}
    return Template(name, (), str(found.get("source") or spec.describe()), tuple(found.get("notes") or ()))


def clone(admin_dsn: str, template: str, name: str) -> str:
    create_database(admin_dsn, name, template=template)
    return dsn_for(admin_dsn, name)
