"""What `-m predeploy` records before the window, for the gates of the night to compare with.

One folder (`--recorded DIR`, `$GATE_RECORDED`, default reports/recorded) holds one JSON file per kind
and target: `<target>/catalog.json` (the schema a rollback returns to), `<target>/platform.json` (the
image and replicas to roll back to), `<target>/dashboards.json` and `<target>/access.json` (what sampled
users saw), and `rehearsed-scripts.json` (the sha256 of every file under test, after a GO of the rehearsal;
one for every target). Recordings of what users saw are stamped with the source they were captured from (database
host and app for real targets; the dataset and app content for the sandbox): a file from another
source counts as missing, since comparing against the wrong database proves nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from deploygates.migration.files import SqlSources


def record_path(root: Path, target: str, kind: str) -> Path:
    """Where `-m predeploy` records `kind` (catalog, platform, dashboards, access) for `target`."""
    return root / target / f"{kind}.json"


@dataclass(frozen=True)
class Recordings:
    """What users saw before the window, stamped with its source."""

    root: Path
    target: str
    source: str

    def path(self, kind: str) -> Path:
        return record_path(self.root, self.target, kind)

    def save(self, kind: str, data: dict[str, Any]) -> Path:
        """Write atomically: parallel runs may read the file while it is replaced."""
        path = self.path(kind)
        path.parent.mkdir(parents=True, exist_ok=True)
        document = {"source": self.source, "captured_at": datetime.now(UTC).isoformat(), "data": data}
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{kind}-")
        with os.fdopen(handle, "w") as out:
            json.dump(document, out, indent=1, sort_keys=True)
        os.replace(temporary, path)
        return path

    def load(self, kind: str) -> dict[str, Any] | None:
        """The captured data, or None when there is none for this source."""
        try:
            document = json.loads(self.path(kind).read_text())
        except (OSError, ValueError):
            return None
        if document.get("source") != self.source:
            return None
        data: dict[str, Any] = document["data"]
        return data

    def missing(self, kind: str) -> str:
        return (
            f"no {kind} recording captured from {self.source} at {self.path(kind)}: capture it before the window "
            f'with `pytest -m "predeploy and not destructive" --target {self.target}` (read-only), '
            "then run the postdeploy gates again"
        )


# What the rehearsal ran, for the night to prove it runs the same scripts (as Flyway's `validate` does with its
# checksums). Written only after a GO of the rehearsal (fixtures/rehearsed.py), in one file for every target:
# the night against production reads what the rehearsal on staging or on a copy of production recorded.
REHEARSED = "rehearsed-scripts.json"
ROLES = ("migration", "validation", "rollback", "baseline")


class RecordError(Exception):
    """A recording is unreadable; the message names the file and the fix."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def script_sums(files: SqlSources) -> dict[str, list[dict[str, str]]]:
    """Per role, in order: each file under test's name and sha256."""
    by_role = {"migration": files.migrations, "validation": (files.validation,), "rollback": (files.rollback,),
               "baseline": files.baseline}
    return {role: [{"name": path.name, "sha256": sha256_of(path)} for path in paths] for role, paths in by_role.items()}


def save_rehearsed(root: Path, files: SqlSources, rehearsal: dict[str, Any]) -> Path:
    """Record the sha256 of every file under test after a GO of the rehearsal (atomic, like every record)."""
    root.mkdir(parents=True, exist_ok=True)
    document = {**rehearsal, "recorded_at": datetime.now(UTC).isoformat(), "scripts": script_sums(files)}
    handle, temporary = tempfile.mkstemp(dir=root, prefix=".rehearsed-")
    with os.fdopen(handle, "w") as out:
        json.dump(document, out, indent=1, sort_keys=True)
    os.replace(temporary, root / REHEARSED)
    return root / REHEARSED


def load_rehearsed(root: Path) -> dict[str, Any] | None:
    """What the last GO rehearsal recorded, or None when none did."""
    path = root / REHEARSED
    try:
        document = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise RecordError(f"{path} is unreadable ({error}): rehearse again with `pytest -m predeploy`") from None
    if not isinstance(document, dict) or not isinstance(document.get("scripts"), dict):
        raise RecordError(f"{path} is not a record of rehearsed scripts: rehearse again with `pytest -m predeploy`")
    return document


def rehearsed_as(record: dict[str, Any]) -> str:
    """Where and when the recorded rehearsal ran, for messages."""
    moment = str(record.get("recorded_at", "?"))[:16].replace("T", " ")
    return f"rehearsed on {record.get('target', '?')} at {moment} UTC"


def script_difference(record: dict[str, Any], role: str, path: Path) -> str | None:
    """Why `path` (a file under test in `role`) is not the rehearsed one, or None when it is."""
    recorded = {entry.get("name"): entry.get("sha256") for entry in record["scripts"].get(role, [])}
    when = rehearsed_as(record)
    if path.name not in recorded:
        names = ", ".join(str(name) for name in recorded) or "none"
        return f"{path.name} was not rehearsed ({when}; the rehearsed {role} scripts: {names})"
    found = sha256_of(path)
    if found != recorded[path.name]:
        return (f"{path.name} differs from the script {when}: sha256 {found[:12]}… now, "
                f"{str(recorded[path.name])[:12]}… rehearsed. Run the rehearsed script, or rehearse this one "
                "(`pytest -m predeploy`) before the window")
    return None


def unrehearsed(root: Path, role: str, path: Path, real_target: str | None) -> str | None:
    """Why `path` is not proven rehearsed, or None. `real_target` names a staging or production night, which
    needs a record; the sandbox without any record plays its night from the files under test themselves."""
    try:
        record = load_rehearsed(root)
    except RecordError as error:
        return str(error)
    if record is None:
        return None if real_target is None else (
            f"no rehearsal of the scripts is recorded in {root / REHEARSED}: rehearse them before the window "
            f"(`pytest -m predeploy --target staging --recorded={root}` ending GO), then run the {real_target} "
            "gates again with the same --recorded")
    return script_difference(record, role, path)


def unrehearsed_order(root: Path, scripts: tuple[Path, ...], real_target: str | None) -> str | None:
    """Why the migration scripts, as a list in their order, are not the rehearsed list, or None."""
    try:
        record = load_rehearsed(root)
    except RecordError as error:
        return str(error)
    if record is None:
        return unrehearsed(root, "migration", scripts[0], real_target)
    rehearsed = [str(entry.get("name")) for entry in record["scripts"].get("migration", [])]
    now = [path.name for path in scripts]
    if now == rehearsed:
        return None
    missing = [name for name in rehearsed if name not in now]
    detail = f"; not given now: {', '.join(missing)}" if missing else ""
    return (f"the migration scripts given now ({', '.join(now)}) are not the list {rehearsed_as(record)} "
            f"({', '.join(rehearsed)}){detail}: run the rehearsed scripts in the rehearsed order")
