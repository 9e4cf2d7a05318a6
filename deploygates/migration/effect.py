"""What the migration did to a condition: a check's violating rows after the migration, split into those
the database already had before it (pre-existing: a warning, the migration did not cause them) and those
the migration introduced (a failure).

A table without row level security, an orphan row or an unvalidated constraint that production already
had is reported, not blamed on the migration; the same condition on a table the migration created, or a
row the migration broke, fails the gate.
"""

from __future__ import annotations

from dataclasses import dataclass

from deploygates.postgres.queries import CheckResult, NamedQuery, QueryError, format_table, run_check

Rows = frozenset[tuple[object, ...]]
SHOWN = 10


def key(row: tuple[object, ...]) -> tuple[object, ...]:
    """A row as a set member: arrays (roles) and JSON values made hashable."""
    return tuple(tuple(map(str, v)) if isinstance(v, list) else str(v) if isinstance(v, dict) else v for v in row)


def rows_key(rows: list[tuple[object, ...]]) -> Rows:
    return frozenset(key(row) for row in rows)


@dataclass(frozen=True)
class Effect:
    after: CheckResult
    before: Rows | None  # None: nothing known of the database before the migration
    before_note: str = ""  # why the check found nothing before (e.g. the tables it reads did not exist)

    @property
    def introduced(self) -> list[tuple[object, ...]]:
        return [row for row in self.after.rows if self.before is None or key(row) not in self.before]

    @property
    def pre_existing(self) -> list[tuple[object, ...]]:
        return [row for row in self.after.rows if self.before is not None and key(row) in self.before]

    @property
    def holds(self) -> bool:
        return not self.introduced

    def report(self) -> str:
        """The failure message: the rows the migration introduced (and how many were there before)."""
        title = self.after.query.title
        head = f"{title}: the migration introduced {len(self.introduced)} violating rows ({self.after.query.name})"
        if self.pre_existing:
            head += f"; {len(self.pre_existing)} more were there before it (pre-existing, not counted)"
        return head + "\n" + format_table(self.after.columns, self.introduced)

    def warning(self) -> str:
        """One line for the report when the database already violated the guarantee before the migration."""
        rows = format_table(self.after.columns, self.pre_existing, SHOWN).splitlines()[2:]
        return (f"{self.after.query.name}: {len(self.pre_existing)} pre-existing violating rows, already there "
                f"before the migration (not caused by it): " + "; ".join(" ".join(r.split()) for r in rows))


def conditions(dsn: str, check: NamedQuery) -> tuple[Rows, str]:
    """The check's rows on the database before the migration; none (with the reason) when it cannot run
    there, e.g. because it reads tables only the migration creates, or guards the new model."""
    if check.guards_the_new_model:
        return frozenset(), "it guards what the migration creates: nothing of it can pre-exist"
    try:
        return rows_key(run_check(dsn, check).rows), ""
    except QueryError as error:
        return frozenset(), str(error)


def judge(after: CheckResult, before: tuple[Rows, str] | None) -> Effect:
    return Effect(after, before[0], before[1]) if before is not None else Effect(after, None)
