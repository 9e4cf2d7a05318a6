"""What `-m predeploy` records before the window, for the gates of the night to compare with.

One folder (`--recorded DIR`, `$GATE_RECORDED`, default reports/recorded) holds one JSON file per kind
and target: `<target>/catalog.json` (the schema a rollback returns to), `<target>/platform.json` (the
image and replicas to roll back to), `<target>/dashboards.json` and `<target>/access.json` (what sampled
users saw). Recordings of what users saw are stamped with the source they were captured from (database
host and app for real targets; the dataset and app content for the sandbox): a file from another
source counts as missing, since comparing against the wrong database proves nothing.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


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
