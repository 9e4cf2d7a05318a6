"""What the rehearsal observes at each state it passes through, for the proofs' gates: before the migration
(on its clone, before any script ran), once migrated, after the rollback, and at the end (pgTAP, on a clone of
the final, migrated database so that the team's tests cannot change what the other gates read).

Before and once migrated: what each sampled user (and anon) reads of each table, their writes (in transactions
that roll back), and the security advisories; once migrated and after the rollback: the sequences, read first,
before any write moved them; once migrated: plpgsql_check on the functions the migration added or changed.
A proof that cannot run is recorded as a problem in words, never raised: the rehearsal goes on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from deploygates.access.impersonation import ANON, PER_KIND, SampledUser, readable_rows, sample_users
from deploygates.migration.snapshot import Catalog, table_columns
from deploygates.postgres.connections import connect, create_database, drop_database, scratch_name
from deploygates.postgres.psql import ClientError
from deploygates.postgres.queries import QueryError
from deploygates.proofs import advisories, sequences
from deploygates.proofs.extensions import missing
from deploygates.proofs.pgtap import TapRun, run_tap_file
from deploygates.proofs.plpgsql_check import Checked, check_changed
from deploygates.proofs.writes import Outcome, write_outcomes

STAGES = ("before", "migrated", "rolled_back")


@dataclass
class Stage:
    access: dict[str, dict[str, list[object] | str]] = field(default_factory=dict)  # user → table → rows or error
    writes: dict[str, dict[str, dict[str, Outcome]]] = field(default_factory=dict)  # user → table → operation
    advisories: dict[str, advisories.Findings | str] = field(default_factory=dict)  # lint → findings or error
    sequences: list[list[str]] | str | None = None  # sequences behind their column, or why unknown


@dataclass
class Observations:
    tables: list[str]
    users: list[SampledUser] = field(default_factory=list)
    stages: dict[str, Stage] = field(default_factory=dict)
    plpgsql: Checked | None = None
    pgtap: dict[str, TapRun] = field(default_factory=dict)
    pgtap_problem: str = ""
    problems: dict[str, str] = field(default_factory=dict)  # "stage: proof" → what went wrong

    def stage(self, name: str) -> Stage | None:
        return self.stages.get(name)


class Probe:
    """Called by deploygates.migration.rehearsal.rehearse at each state; plain data in `observations`."""

    def __init__(self, tables: list[str], pgtap: tuple[Path, ...] = (), per_kind: int = PER_KIND) -> None:
        self.observations = Observations(tables)
        self.pgtap, self.per_kind = pgtap, per_kind
        self.columns: dict[str, list[str]] = {}
        self.before_functions: dict[str, str] = {}

    def attempt(self, where: str, work: Callable[[], object]) -> None:
        try:
            work()
        except (psycopg.Error, QueryError, ClientError) as error:
            self.observations.problems[where] = " ".join(str(error).split()) or type(error).__name__

    def read_and_write(self, stage: Stage, name: str, dsn: str) -> None:
        users = self.observations.users
        self.attempt(f"{name}: advisories", lambda: stage.advisories.update(advisories.all_findings(dsn)))
        self.attempt(f"{name}: access", lambda: stage.access.update(
            {user.id: readable_rows(dsn, user, self.columns) for user in users}))
        self.attempt(f"{name}: writes", lambda: stage.writes.update(write_outcomes(dsn, users, list(self.columns))))

    def before(self, dsn: str, catalog: Catalog) -> None:
        present = table_columns(catalog)
        self.columns = {table: present[table] for table in self.observations.tables if table in present}
        self.before_functions = catalog.get("functions", {})
        users: list[SampledUser] = []
        self.attempt("before: sampling users", lambda: users.extend(sample_users(dsn, self.per_kind)))
        self.observations.users = [*users, ANON]
        self.observations.stages["before"] = stage = Stage()
        self.read_and_write(stage, "before", dsn)

    def migrated(self, dsn: str, catalog: Catalog) -> None:
        self.observations.stages["migrated"] = stage = Stage(sequences=sequences.behind(dsn))  # before any write
        self.read_and_write(stage, "migrated", dsn)

        def lint_functions() -> None:
            self.observations.plpgsql = check_changed(dsn, self.before_functions)

        self.attempt("migrated: plpgsql_check", lint_functions)

    def rolled_back(self, dsn: str) -> None:
        self.observations.stages["rolled_back"] = Stage(sequences=sequences.behind(dsn))

    def finished(self, admin_dsn: str, bindir: Path | None, database: str) -> None:
        if not self.pgtap:
            return
        name = scratch_name("pgtap")
        dsn = create_database(admin_dsn, name, template=database)

        def run_files() -> None:
            with connect(dsn) as conn:
                problem = missing(conn, "pgtap")
                if not problem:
                    conn.execute("CREATE EXTENSION IF NOT EXISTS pgtap")
            self.observations.pgtap_problem = problem or ""
            for file in self.pgtap if not problem else ():
                self.observations.pgtap[file.name] = run_tap_file(bindir, dsn, file)

        try:
            self.attempt("end: pgtap", run_files)
        finally:
            drop_database(admin_dsn, name)
