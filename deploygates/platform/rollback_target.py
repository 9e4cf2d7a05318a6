"""The rollback target: the image and replica count virtue-app ran before the window.

`-m predeploy` records it (`<recorded>/<target>/platform.json`, deploygates/records.py);
`-m rollback` reads it and checks the platform is back there. Without the record the rollback gates
fail and name the command that makes it: an image to go back to is never guessed.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from deploygates.platform.model import Deployment


class RollbackTargetError(Exception):
    """The rollback target was never recorded, or its file is unreadable; the message says how to fix it."""


@dataclass(frozen=True)
class RollbackTarget:
    image: str
    replicas: int
    recorded_at: str  # ISO 8601, UTC
    platform: str  # where it was read (describe() of the backend)


def record(path: Path, deployment: Deployment, platform: str) -> RollbackTarget:
    """Write the deployment's current image and desired replicas atomically; return what was written."""
    found = RollbackTarget(deployment.image, deployment.desired, datetime.now(UTC).isoformat(), platform)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w") as out:
        json.dump(asdict(found), out, indent=2)
    os.replace(temporary, path)
    return found


def read(path: Path, target: str) -> RollbackTarget:
    how = (f"run `pytest -m \"predeploy and not destructive\" --target {target}` before the window: "
           f"it records the image to roll back to in {path}")
    try:
        raw = json.loads(path.read_text())
        found = RollbackTarget(**{key: raw[key] for key in RollbackTarget.__dataclass_fields__})
    except FileNotFoundError:
        raise RollbackTargetError(f"no rollback target recorded for {target}: {path} does not exist; {how}") from None
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise RollbackTargetError(f"the rollback target {path} is unreadable ({error!r}); {how}") from None
    if not isinstance(found.image, str) or not found.image or not isinstance(found.replicas, int):
        raise RollbackTargetError(f"the rollback target {path} holds no image or replica count; {how}")
    return found
