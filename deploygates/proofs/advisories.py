"""Security advisories, ours, anchored on the Supabase database linter's ERROR-level lints: one .sql file of
sql/security/ per lint, its first line its title, returning the offending objects (object, detail). A finding
is judged against the same lint before the migration: new is the migration's doing, present before is a
pre-existing warning."""

from __future__ import annotations

from dataclasses import dataclass

from deploygates import resources
from deploygates.errors import Unmeasured
from deploygates.postgres.queries import NamedQuery, QueryError, named_queries, run_check

SECURITY_DIR = resources.SQL_DIR / "security"
Findings = dict[str, str]  # offending object -> what is wrong with it


class PreExistingAdvisory(UserWarning):
    """A security finding that was there before the migration: reported, not the migration's to answer for."""


def lints() -> list[NamedQuery]:
    return named_queries(SECURITY_DIR)


def findings(dsn: str, lint: NamedQuery) -> Findings:
    """The lint's offending objects in the database (read-only, bounded); QueryError when it cannot run."""
    result = run_check(dsn, lint)
    return {str(row[0]): str(row[1]) for row in result.rows}


def all_findings(dsn: str) -> dict[str, Findings | str]:
    """Every lint's findings, or the reason it could not run, by lint name."""
    found: dict[str, Findings | str] = {}
    for lint in lints():
        try:
            found[lint.name] = findings(dsn, lint)
        except QueryError as error:
            found[lint.name] = str(error)
    return found


@dataclass(frozen=True)
class Judged:
    introduced: Findings
    pre_existing: Findings

    def lines(self, which: Findings) -> str:
        return "\n".join(f"  {obj}: {detail}" for obj, detail in sorted(which.items()))


def judge(before: Findings, after: Findings) -> Judged:
    """The findings after the migration, split into those it introduced and those present before it."""
    return Judged({k: v for k, v in after.items() if k not in before},
                  {k: v for k, v in after.items() if k in before})


def lint_findings(found: dict[str, Findings | str], lint: NamedQuery, where: str) -> Findings:
    """One lint's findings out of all of them; Unmeasured when it could not run there (or did not run at all)."""
    result = found.get(lint.name, "it did not run")
    if isinstance(result, str):
        raise Unmeasured(f"the security lint {lint.name} could not run {where}: {result}")
    return result
