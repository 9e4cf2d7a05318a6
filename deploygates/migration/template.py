"""The pre-migration stand-in for production: baseline schema plus generated data, as a template.

The template is built once per content (baseline files, dataset generator, scale, seed) on a server
and reused: every rehearsal is a cheap `CREATE DATABASE … TEMPLATE` clone of it. Concurrent
processes (xdist workers, nested fault runs) agree through an advisory lock.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from deploygates import cleanup, resources
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


class BuildError(Exception):
    """The baseline or the dataset did not load; the message carries psql's output."""


@dataclass(frozen=True)
class DatasetSpec:
    users: int = 10_000
    seed: int = 42


@dataclass(frozen=True)
class Template:
    name: str
    runs: tuple[ScriptRun, ...]


def template_name(sources: SqlSources, spec: DatasetSpec) -> str:
    key = content_key(
        sources.content(*sources.baseline), resources.DATASET_FILE.read_bytes(), f"{spec.users}:{spec.seed}".encode()
    )
    return f"pre_migration_{key}"


def load_dataset(bindir: Path | None, dsn: str, spec: DatasetSpec) -> ScriptRun:
    settings = {"dataset.users": str(spec.users), "dataset.seed": str(spec.seed)}
    return run_file(bindir, dsn, resources.DATASET_FILE, settings)


def build_template(admin_dsn: str, bindir: Path | None, sources: SqlSources, spec: DatasetSpec) -> Template:
    name = template_name(sources, spec)
    with advisory_lock(admin_dsn, name):
        with connect(admin_dsn) as conn:
            if database_exists(conn, name):
                return Template(name, ())
        staging = f"{name}_building"
        drop_database(admin_dsn, staging)
        dsn = create_database(admin_dsn, staging)
        runs: list[ScriptRun] = []
        for step in [*sources.baseline, None]:
            run = run_file(bindir, dsn, step) if step else load_dataset(bindir, dsn, spec)
            runs.append(run)
            if not run.ok:
                drop_database(admin_dsn, staging)
                raise BuildError(f"building the pre-migration database failed at {run.summary()}")
        with connect(admin_dsn) as conn:
            conn.execute(f'ALTER DATABASE "{staging}" RENAME TO "{name}"')
        cleanup.forget_database(admin_dsn, staging)  # the template itself is kept on purpose: it is reused
        return Template(name, tuple(runs))


def clone(admin_dsn: str, template: str, name: str) -> str:
    create_database(admin_dsn, name, template=template)
    return dsn_for(admin_dsn, name)
