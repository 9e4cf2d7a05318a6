"""Sign-offs: the runbook items only a person can attest, recorded in a TOML file.

One table per runbook id (every `kind = "signoff"` item of runbook.toml):

    [ENV-5]
    who = "Dana Whitfield (DevOps)"          # the person attesting, with their role
    when = 2025-01-02T18:00:00Z              # when they did it (TOML date-time with offset)
    evidence = "https://tickets.example/OPS-1234"   # where to see it
    contact = "Priya Raman, +1 555 0100"     # Emergency Contacts (CONTACT-*) only: the contact itself

An entry is good when every field is filled in (no placeholder such as `[CONTACT]`, `TODO`, `<name>`),
and `when` is neither in the future nor older than the allowed age. On the sandbox target an entry
without `when` is dated at the start of the run: the sandbox rehearses tonight, so its (fictional)
attestations are always tonight's.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from deploygates import resources
from deploygates.manifest.runbook import RunbookItem, load_manifest

DEFAULT_FILE = Path("signoffs.toml")  # the team's own, in the directory the gates run from (git-ignored)
SANDBOX_FILE = resources.SANDBOX_SIGNOFFS
EXAMPLE_FILE = resources.EXAMPLE_SIGNOFFS
FIELDS = ("who", "when", "evidence")
CONTACT_PREFIX = "CONTACT-"
CLOCK_SKEW = timedelta(minutes=5)
# The runbook's `[CONTACT]`, template fields like `[DATE]` or `<NAME>`, to-do words, ellipses, blanks.
PLACEHOLDERS = (
    re.compile(r"^\s*$|\[[A-Z0-9 _/()-]*\]|<[A-Z0-9 _/()-]+>|\.\.\.|…"),
    re.compile(r"\b(TODO|TBD|FIXME|XXX|CHANGEME)\b", re.IGNORECASE),
)


# Names people write when they have none to give. Compared without the "(ROLE)" part, case and spacing.
PLACEHOLDER_NAMES = frozenset({
    "john doe", "jane doe", "john smith", "jane smith", "max mustermann", "erika mustermann", "foo bar",
    "n/a", "na", "none", "nobody", "noone", "no one", "someone", "somebody", "anyone", "unknown", "anonymous",
    "test", "tester", "test user", "user", "admin", "name", "your name", "full name", "first last", "me",
    "tba", "tbc", "pending", "null", "nil", "-", "--", "?", "x", "xx", "xxx",
})


def is_placeholder(text: str) -> bool:
    return any(pattern.search(text) for pattern in PLACEHOLDERS)


def name_problem(value: Any) -> str | None:
    """Why `who` is not a person's name (not a string, a placeholder, too short to be one), or None."""
    if not isinstance(value, str):
        return f"not a name but {value!r}"
    name = " ".join(value.split("(", 1)[0].split()).lower()
    if is_placeholder(value) or name in PLACEHOLDER_NAMES:
        return f"a placeholder ({value!r})"
    if sum(char.isalpha() for char in name) < 2:
        return f"not a name ({value!r})"
    return None


def field_problem(field: str, value: Any) -> str | None:
    """Why a sign-off field's value is not filled in, or None (`when` is checked on its own)."""
    if value is None:
        return "missing"
    if field == "who":
        return name_problem(value)
    if field == "when":
        return None
    if not isinstance(value, str):
        return f"not text but {value!r}"
    return f"a placeholder ({value!r})" if is_placeholder(value) else None


def required_fields(item_id: str) -> tuple[str, ...]:
    return (*FIELDS, "contact") if item_id.startswith(CONTACT_PREFIX) else FIELDS


def signoff_items() -> list[RunbookItem]:
    return [item for item in load_manifest().values() if item.kind == "signoff"]


def record_command(item_id: str) -> str:
    contact = ' --contact "NAME, PHONE, E-MAIL"' if item_id.startswith(CONTACT_PREFIX) else ""
    return f'deploygates signoff record {item_id} --who "NAME (ROLE)" --evidence URL{contact}'


def read_entries(path: Path) -> dict[str, dict[str, Any]]:
    """The file's tables; raises SignoffFileError naming the file and how to fix it."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise SignoffFileError(f"the sign-off file {path} is not a UTF-8 text file; write it with "
                               f"`{record_command('ID')}`") from None
    except FileNotFoundError:
        raise SignoffFileError(
            f"no sign-off file {path}: write the template with `deploygates signoff template > {path}`, "
            f"or record each item with `{record_command('ID')}`"
        ) from None
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise SignoffFileError(f"the sign-off file {path} is unreadable: {error}") from None
    return {key: value for key, value in raw.items() if isinstance(value, dict)}


class SignoffFileError(Exception):
    """The sign-off file is missing or not valid TOML."""


@dataclass(frozen=True)
class SignoffBook:
    path: Path
    entries: dict[str, dict[str, Any]]
    now: datetime
    max_age: timedelta
    undated_means: datetime | None = None  # sandbox: an entry without `when` is dated at the run's start
    error: str | None = None  # the file could not be read: every item fails with this

    def problem(self, item_id: str) -> str | None:
        """Why the item is not signed off (one sentence naming it and the fix), or None."""
        item = load_manifest()[item_id]
        name = f"{item_id} ({item.title})"
        if self.error:
            return f"{name} is not signed off: {self.error}"
        entry = self.entries.get(item_id)
        if entry is None:
            return f"{name} has no sign-off in {self.path}; record it: {record_command(item_id)}"
        if "when" not in entry and self.undated_means is not None:
            entry = {**entry, "when": self.undated_means}
        for field in required_fields(item_id):
            shown = field_problem(field, entry.get(field))
            if shown:
                return f"{name}: `{field}` is {shown} in {self.path}; record it: {record_command(item_id)}"
        return self.dating_problem(item_id, name, entry)

    def dating_problem(self, item_id: str, name: str, entry: dict[str, Any]) -> str | None:
        when = entry["when"]
        if isinstance(when, str):
            try:
                when = datetime.fromisoformat(when)
            except ValueError:
                return f"{name}: `when` = {when!r} in {self.path} is not a date-time like 2025-01-02T18:00:00Z"
        if not isinstance(when, datetime) or when.tzinfo is None:
            return f"{name}: `when` in {self.path} must be a date-time with its offset, like 2025-01-02T18:00:00Z"
        by = f"signed off by {entry['who']} on {when.isoformat()}"
        if when > self.now + CLOCK_SKEW:
            return f"{name}: {by}, a date in the future; correct it in {self.path}"
        if self.now - when > self.max_age:
            age = (self.now - when).days
            return (f"{name}: {by}, {age} days ago, older than the {self.max_age.days} days a sign-off is "
                    f"good for; confirm it again: {record_command(item_id)}")
        return None


def open_book(path: Path, max_age: timedelta, *, undated_means: datetime | None = None,
              now: datetime | None = None) -> SignoffBook:
    moment = now or datetime.now(UTC)
    try:
        return SignoffBook(path, read_entries(path), moment, max_age, undated_means)
    except SignoffFileError as error:
        return SignoffBook(path, {}, moment, max_age, undated_means, str(error))
