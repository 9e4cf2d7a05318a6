"""The rehearsal: the runbook's phase 1 played on a scratch clone of the pre-migration database.

snapshot → validation on the baseline (must fail) → each migration file (timed, own connection,
ON_ERROR_STOP) → validation (must pass) → snapshot → rollback (timed) → snapshot → re-apply →
validation. A step that fails stops the pipeline; the facts gathered so far are kept, and each
becomes its own test.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from deploygates.migration.files import SqlSources
from deploygates.migration.snapshot import (
    Catalog,
    Snapshot,
    diff_catalog,
    differing_rows,
    table_columns,
    take_snapshot,
)
from deploygates.migration.template import DatasetSpec, Template, build_template, clone
from deploygates.postgres.connections import connect, dsn_for, scratch_name
from deploygates.postgres.psql import ScriptRun, run_file


class Probe(Protocol):
    """What else the rehearsal observes at each state it passes through (deploygates/proofs/observer.py):
    called before any script ran, once migrated, after the rollback and at the end; it never raises for what
    it observes, and keeps what it saw as plain data in `observations`."""

    observations: Any

    def before(self, dsn: str, catalog: Catalog) -> None: ...

    def migrated(self, dsn: str, catalog: Catalog) -> None: ...

    def rolled_back(self, dsn: str) -> None: ...

    def finished(self, admin_dsn: str, bindir: Path | None, database: str) -> None: ...


@dataclass(frozen=True)
class Stop:
    stage: str  # migration | rollback | reapply
    run: ScriptRun


@dataclass(repr=False)
class Rehearsal:
    admin_dsn: str
    bindir: Path | None
    sources: SqlSources
    template: Template
    database: str
    dsn: str
    before: Snapshot
    columns: dict[str, list[str]]
    validation_on_baseline: ScriptRun
    migration: list[ScriptRun] = field(default_factory=list)
    validation: ScriptRun | None = None
    migrated: Snapshot | None = None
    rollback: ScriptRun | None = None
    rolled_back: Snapshot | None = None
    reapply: list[ScriptRun] = field(default_factory=list)
    validation_after_reapply: ScriptRun | None = None
    # Rows that differ from the pre-migration data, computed only for tables whose fingerprint changed.
    migration_diffs: dict[str, list[str]] = field(default_factory=dict)
    rollback_diffs: dict[str, list[str]] = field(default_factory=dict)
    observed: Any = None  # what the probe saw (deploygates/proofs/observer.py), None without one
    _reference: str | None = None

    def __repr__(self) -> str:
        return f"Rehearsal({self.database})"

    @property
    def migration_ok(self) -> bool:
        return bool(self.migration) and all(run.ok for run in self.migration)

    def stopped(self) -> Stop | None:
        """Where the rehearsal stopped, or None when it played to the end: the migration, the rollback (its
        database is then half rolled back, neither migrated nor pre-migration), or the re-apply."""
        for stage, runs in (("migration", self.migration), ("rollback", [self.rollback] if self.rollback else []),
                            ("reapply", self.reapply)):
            failed = next((run for run in runs if not run.ok), None)
            if failed is not None:
                return Stop(stage, failed)
        return None

    def leftovers(self) -> list[str]:
        """What a failed rollback left behind: the catalog against the pre-migration one, and the tables
        whose rows differ (`- ` only before, `+ ` only now, `~ ` changed)."""
        if self.rolled_back is None:
            return []
        before = self.before.tables
        changed = [f"~ rows of {table}: {before[table].rows} before, {fingerprint.rows} now"
                   for table, fingerprint in self.rolled_back.tables.items() if fingerprint != before[table]]
        return diff_catalog(self.before.catalog, self.rolled_back.catalog) + changed


    def run_for(self, file: Path) -> ScriptRun | None:
        return next((run for run in self.migration if run.file == file), None)

    def databases(self) -> list[str]:
        """The scratch databases the rehearsal created (to drop when the session is over)."""
        return [self.database, *([self._reference] if self._reference else [])]

    def explain(self, snapshot: Snapshot) -> dict[str, list[str]]:
        """Differing rows of every table whose fingerprint moved, against an untouched clone."""
        changed = [t for t, fp in snapshot.tables.items() if fp != self.before.tables[t] and fp.rows >= 0]
        if not changed:
            return {}
        if self._reference is None:
            self._reference = f"{self.database}_reference"
            clone(self.admin_dsn, self.template.name, self._reference)
        with connect(dsn_for(self.admin_dsn, self._reference)) as old, connect(self.dsn) as new:
            return {t: differing_rows(old, new, t, self.columns[t]) for t in changed}


def apply_all(bindir: Path | None, dsn: str, files: tuple[Path, ...]) -> list[ScriptRun]:
    runs: list[ScriptRun] = []
    for file in files:
        runs.append(run_file(bindir, dsn, file))
        if not runs[-1].ok:
            break
    return runs


def snapshot_of(dsn: str, columns: dict[str, list[str]] | None = None) -> Snapshot:
    with connect(dsn) as conn:
        return take_snapshot(conn, columns)


def rehearse(admin_dsn: str, bindir: Path | None, sources: SqlSources, spec: DatasetSpec,
             probe: Probe | None = None) -> Rehearsal:
    """Play the night on a clone of the pre-migration template (generated data, or the restored backup),
    with `probe` looking at each state on the way."""
    template = build_template(admin_dsn, bindir, sources, spec)
    name = scratch_name("rehearsal")
    dsn = clone(admin_dsn, template.name, name)
    before = snapshot_of(dsn)
    columns = table_columns(before.catalog)
    rehearsal = Rehearsal(
        admin_dsn, bindir, sources, template, name, dsn, before, columns,
        validation_on_baseline=run_file(bindir, dsn, sources.validation),
        observed=probe.observations if probe else None,
    )
    if probe:
        probe.before(dsn, before.catalog)
    rehearsal.migration = apply_all(bindir, dsn, sources.migrations)
    if not rehearsal.migration_ok:
        return rehearsal
    rehearsal.validation = run_file(bindir, dsn, sources.validation)
    rehearsal.migrated = snapshot_of(dsn, columns)
    rehearsal.migration_diffs = rehearsal.explain(rehearsal.migrated)
    if probe:
        probe.migrated(dsn, rehearsal.migrated.catalog)
    rehearsal.rollback = run_file(bindir, dsn, sources.rollback)
    rehearsal.rolled_back = snapshot_of(dsn, columns)  # after a failed rollback too: what it left is the news
    rehearsal.rollback_diffs = rehearsal.explain(rehearsal.rolled_back)
    if not rehearsal.rollback.ok:
        return rehearsal
    if probe:
        probe.rolled_back(dsn)
    rehearsal.reapply = apply_all(bindir, dsn, sources.migrations)
    if all(run.ok for run in rehearsal.reapply):
        rehearsal.validation_after_reapply = run_file(bindir, dsn, sources.validation)
        if probe and rehearsal.validation_after_reapply.ok:
            probe.finished(admin_dsn, bindir, name)
    return rehearsal


def tally(lines: list[str]) -> str:
    """Differences counted by sign and kind: `+ 8 columns, + 3 functions, - 1 grants, ~ 2 rows`."""
    counts: dict[tuple[str, str], int] = {}
    for line in lines:
        sign, _, rest = line.partition(" ")
        kind = rest.split(" ", 1)[0] if sign != "~" or not rest.startswith("rows") else "rows"
        counts[(sign, kind)] = counts.get((sign, kind), 0) + 1
    return ", ".join(f"{sign} {count} {kind}" for (sign, kind), count in sorted(counts.items()))
