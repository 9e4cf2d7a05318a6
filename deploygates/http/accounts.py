"""Test accounts the smoke gates sign in with.

Staging and production: from environment variables (or .env), never from files under version
control: <TARGET>_TEST_EMAIL/_PASSWORD (any user), <TARGET>_COACH_EMAIL/_PASSWORD (a former
sponsor with practitioners), <TARGET>_PRACTITIONER_EMAIL/_PASSWORD (a practitioner with a
sponsor). The sandbox picks its own from the dataset (every generated user has one password).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from deploygates import resources
from deploygates.postgres.connections import connect
from deploygates.secrets import register_secret

SANDBOX_PASSWORD = "sandbox-password"  # deploygates/sql/dataset/domain/auth.users.sql: every generated user's password
SIGNIN_SAMPLE = 30
ROLES = {
    "TEST": "any user who can sign in",
    "COACH": "a former sponsor who actively sponsors practitioners",
    "PRACTITIONER": "a practitioner with an active sponsor",
}
ACCOUNTS_SQL = resources.SQL_DIR / "smoke" / "sandbox_accounts.sql"


class AccountError(Exception):
    """A test account is missing; the message names the variables to set."""


@dataclass(frozen=True)
class Account:
    email: str
    password: str = field(repr=False)

    def __str__(self) -> str:
        return self.email


@dataclass(frozen=True)
class Accounts:
    test: Account
    coach: Account
    practitioner: Account
    coaches: tuple[Account, ...]  # former sponsors whose dashboards are compared before/after
    practitioners: tuple[Account, ...]  # practitioners whose dashboards are compared before/after
    signin_sample: tuple[Account, ...]  # every one of them must be able to sign in


def variables(target: str, role: str) -> tuple[str, str]:
    return f"{target.upper()}_{role}_EMAIL", f"{target.upper()}_{role}_PASSWORD"


def accounts_from_environment(target: str, settings: Mapping[str, str]) -> Accounts:
    missing = [name for role in ROLES for name in variables(target, role) if not settings.get(name)]
    if missing:
        roles = "; ".join(f"{role.lower()}: {what}" for role, what in ROLES.items())
        raise AccountError(
            f"the smoke gates need test accounts for --target {target}: set {', '.join(missing)} "
            f"(in the environment or .env; {roles})"
        )
    found = {}
    for role in ROLES:
        email, password = (settings[name] for name in variables(target, role))
        register_secret(password)
        found[role] = Account(email, password)
    test, coach, practitioner = found["TEST"], found["COACH"], found["PRACTITIONER"]
    unique = tuple(dict.fromkeys((test, coach, practitioner)))
    return Accounts(test, coach, practitioner, (coach,), (practitioner,), unique)


def sandbox_accounts(dsn: str, signin_sample: int = SIGNIN_SAMPLE) -> Accounts:
    """Accounts picked from the sandbox dataset: the same ones before and after the migration."""
    register_secret(SANDBOX_PASSWORD)
    with connect(dsn) as conn:
        rows = conn.execute(ACCOUNTS_SQL.read_text(), {"signin_sample": signin_sample}).fetchall()
    picked: dict[str, list[Account]] = {}
    for kind, _, email in rows:
        picked.setdefault(kind, []).append(Account(email, SANDBOX_PASSWORD))
    needed = ("test", "coach", "idle_coach", "practitioner", "other_practitioner", "signin")
    if any(kind not in picked for kind in needed):
        raise AccountError(f"the sandbox dataset lacks accounts of kind(s) {[k for k in needed if k not in picked]}")
    return Accounts(
        picked["test"][0], picked["coach"][0], picked["practitioner"][0],
        (*picked["coach"], *picked["idle_coach"]),
        (*picked["practitioner"], *picked["other_practitioner"]),
        tuple(dict.fromkeys([*picked["signin"], picked["test"][0], picked["coach"][0], picked["practitioner"][0]])),
    )
