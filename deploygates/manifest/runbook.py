"""The runbook manifest (runbook.toml): every item of the runbook, automated or signed off."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from deploygates import resources
from deploygates.manifest.phases import PHASES

KINDS = ("automated", "signoff")
# When an item is checked: on the night, or later (runbook.toml's `due`: notices after the gates are GO, the
# week-1 and month-1 tasks). The marker a gate due later carries is the due with `-` as `_`, plus `later`.
DUES = ("night", "after-go", "week1", "month1")
LATER = "later"


class ManifestError(Exception):
    """runbook.toml is malformed; the message names the item and the field."""


@dataclass(frozen=True)
class RunbookItem:
    id: str
    section: str
    text: str
    kind: str
    phase: str
    line: int
    due: str = "night"

    @property
    def title(self) -> str:
        """The item's words as an operator reads them: the command's comment, or the checklist text."""
        first = self.text.splitlines()[0]
        return first.removeprefix("# ").strip()


@cache
def load_manifest(path: Path = resources.RUNBOOK_FILE) -> dict[str, RunbookItem]:
    try:
        raw = tomllib.loads(path.read_text())
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ManifestError(f"{path}: {error}") from error
    items: dict[str, RunbookItem] = {}
    for number, entry in enumerate(raw.get("item", []), start=1):
        try:
            item = RunbookItem(**{key: entry[key] for key in RunbookItem.__dataclass_fields__ if key != "due"},
                               due=entry.get("due", "night"))
        except KeyError as missing:
            raise ManifestError(f"{path}: item {number} lacks the field {missing}") from None
        if item.kind not in KINDS or item.phase not in PHASES or item.due not in DUES:
            raise ManifestError(f"{path}: item {item.id}: kind must be one of {KINDS}, phase one of {PHASES}, "
                                f"due one of {DUES}")
        if item.id in items:
            raise ManifestError(f"{path}: item id {item.id} appears twice")
        items[item.id] = item
    return items


def due_markers(dues: set[str]) -> list[str]:
    """The markers of a gate whose items are due `dues`: none when any is due on the night, else `later`
    and each due (`after_go`, `week1`, `month1`)."""
    if not dues or "night" in dues:
        return []
    return [LATER, *sorted(due.replace("-", "_") for due in dues)]
