"""The runbook manifest (runbook.toml): every item of the runbook, automated or signed off."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from deploygates import resources
from deploygates.manifest.phases import PHASES

KINDS = ("automated", "signoff")


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
            item = RunbookItem(**{key: entry[key] for key in RunbookItem.__dataclass_fields__})
        except KeyError as missing:
            raise ManifestError(f"{path}: item {number} lacks the field {missing}") from None
        if item.kind not in KINDS or item.phase not in PHASES:
            raise ManifestError(f"{path}: item {item.id}: kind must be one of {KINDS}, phase one of {PHASES}")
        if item.id in items:
            raise ManifestError(f"{path}: item id {item.id} appears twice")
        items[item.id] = item
    return items
