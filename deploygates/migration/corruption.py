"""Corrupted copies of the migrated database, to prove the validation script (and our checks) fail.

A corruption (sql/corruptions/*.sql) is a small breakage of a migrated database; its first line is
its title, and a line `-- flagged by: <check>` names the check of sql/checks that must report it.
Each runs on its own clone of a template made once from the rehearsal's migrated database (a file
copy: cheaper than re-applying the three migration scripts to a fresh pre-migration clone), and the
clone is dropped as soon as the validation script and the check have read it.

Corruptions find what they break through the catalog (the index on supervisor_id, the CHECK on roles,
the limit's constraints), never by this repository's names. One that cannot be made on the schema under
test (it raises `not applicable: <reason>`, or any other error) is not applicable, with the reason: the
corruption is the suite's instrument, and its not fitting a team's schema says nothing of the migration.
Our check flags a corruption when it reports rows the uncorrupted migrated database does not have.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from deploygates import resources
from deploygates.migration.effect import key, rows_key
from deploygates.postgres.connections import create_database, drop_database, read_only_dsn, scratch_name
from deploygates.postgres.psql import ScriptRun, run_file
from deploygates.postgres.queries import CheckResult, QueryError, check_named, run_check, title_of

CORRUPTIONS_DIR = resources.SQL_DIR / "corruptions"
FLAGGED_BY = "-- flagged by:"
NOT_APPLICABLE = re.compile(r"ERROR:\s+not applicable: (.*)")


@dataclass(frozen=True)
class Corruption:
    path: Path
    title: str
    flagged_by: str

    @property
    def name(self) -> str:
        return self.path.stem


@dataclass(frozen=True, repr=False)
class Outcome:
    applied: ScriptRun
    validation: ScriptRun | None = None
    check: CheckResult | None = None
    check_error: str | None = None
    before: frozenset[tuple[object, ...]] = frozenset()  # the check's rows on the uncorrupted database

    def __repr__(self) -> str:
        return f"Outcome({self.applied!r}, {self.validation!r}, {self.check!r})"

    @property
    def not_applicable(self) -> str | None:
        """Why the corruption could not be made on this schema, or None when it was."""
        if self.applied.ok:
            return None
        match = NOT_APPLICABLE.search(self.applied.output)
        if match:
            return match.group(1).strip()
        lines = [line for line in self.applied.output.splitlines() if "ERROR:" in line] or [self.applied.summary()]
        return "it cannot be made on this schema: " + " ".join(lines[0].split("ERROR:", 1)[-1].split())

    @property
    def flagged(self) -> list[tuple[object, ...]]:
        """The rows our check reports that the uncorrupted migrated database does not have."""
        return [row for row in self.check.rows if key(row) not in self.before] if self.check else []

    def check_summary(self) -> str:
        if self.check_error or self.check is None:
            return f"our check could not run: {self.check_error}"
        return f"our check {self.check.query.name} flags {len(self.flagged)} rows"


def read_corruption(path: Path) -> Corruption:
    lines = [line for line in path.read_text().splitlines() if line.startswith(FLAGGED_BY)]
    if len(lines) != 1:
        raise QueryError(f"{path}: needs exactly one line `{FLAGGED_BY} <check in sql/checks>`")
    return Corruption(path, title_of(path), lines[0].removeprefix(FLAGGED_BY).strip())


def corruptions(directory: Path = CORRUPTIONS_DIR) -> list[Corruption]:
    return [read_corruption(path) for path in sorted(directory.glob("*.sql"))]


@dataclass
class CorruptionLab:
    """A template of the migrated state on the scratch server, and the outcome of each corruption."""

    admin_dsn: str = field(repr=False)
    bindir: Path | None
    validation: Path
    template: str
    outcomes: dict[str, Outcome] = field(default_factory=dict)

    @staticmethod
    def copy_of(admin_dsn: str, source: str) -> str:
        """A template copied from `source` (the rehearsal's migrated database), by name."""
        template = scratch_name("migrated_template")
        create_database(admin_dsn, template, template=source)
        return template

    def outcome(self, corruption: Corruption) -> Outcome:
        if corruption.name not in self.outcomes:
            self.outcomes[corruption.name] = self._play(corruption)
        return self.outcomes[corruption.name]

    def _play(self, corruption: Corruption) -> Outcome:
        name = scratch_name("corrupted")
        dsn = create_database(self.admin_dsn, name, template=self.template)
        try:
            before = rows_of(dsn, corruption.flagged_by)  # the fresh clone: conditions the corruption did not make
            applied = run_file(self.bindir, dsn, corruption.path)
            if not applied.ok:
                return Outcome(applied)
            # The validator is read-only by design; run it so, as on production.
            validation = run_file(self.bindir, read_only_dsn(dsn), self.validation)
            try:
                return Outcome(applied, validation, run_check(dsn, check_named(corruption.flagged_by)), before=before)
            except QueryError as error:
                return Outcome(applied, validation, check_error=str(error))
        finally:
            drop_database(self.admin_dsn, name)


def rows_of(dsn: str, check: str) -> frozenset[tuple[object, ...]]:
    try:
        return rows_key(run_check(dsn, check_named(check)).rows)
    except QueryError:
        return frozenset()
