"""A scratch database in the state a phase expects: a clone of the pre-migration template with the
scripts the night has run by then (none, the migration, the migration and the rollback). It is written
only while it is prepared; the gates read it through a read-only session."""

from __future__ import annotations

from pathlib import Path

from deploygates.manifest.phases import SandboxState
from deploygates.migration.files import SqlSources
from deploygates.migration.template import DatasetSpec, build_template, clone
from deploygates.postgres.connections import drop_database, read_only_dsn, scratch_name
from deploygates.postgres.psql import ScriptRun, run_file
from deploygates.target import TargetDatabase


class PrepareError(Exception):
    """A script failed while the sandbox target was prepared; the message carries psql's output."""


def scripts_for(state: SandboxState, sources: SqlSources) -> tuple[Path, ...]:
    if state is SandboxState.PRE_MIGRATION:
        return ()
    if state in (SandboxState.IN_WINDOW, SandboxState.MIGRATED):
        return sources.migrations
    return (*sources.migrations, sources.rollback)


def prepare_sandbox(
    admin_dsn: str, bindir: Path | None, sources: SqlSources, spec: DatasetSpec, state: SandboxState
) -> TargetDatabase:
    template = build_template(admin_dsn, bindir, sources, spec)
    name = scratch_name("sandbox_target")
    dsn = clone(admin_dsn, template.name, name)
    for script in scripts_for(state, sources):
        run: ScriptRun = run_file(bindir, dsn, script)
        if not run.ok:
            drop_database(admin_dsn, name)
            raise PrepareError(f"preparing the {state.value} sandbox failed at {run.summary()}")
    return TargetDatabase(read_only_dsn(dsn), f"sandbox ({state.value}, {spec.users} users)", name, app_dsn=dsn)
