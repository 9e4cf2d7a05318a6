"""The pre-migration catalog record: a target's schema catalog recorded before the migration.

`pytest -m predeploy --target X` records it (read-only) as `<recorded>/X/catalog.json`; after a real
rollback, `pytest -m rollback --target X` compares the target's catalog with it. The file holds the
target's name and host (never credentials), when it was captured, and the catalog.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from deploygates.migration.snapshot import Catalog


class CatalogRecordError(Exception):
    """No usable catalog record; the message says how to record one."""


@dataclass(frozen=True)
class CatalogRecord:
    target: str
    database: str
    captured_at: str
    catalog: Catalog


def record_command(target: str) -> str:
    if target == "production":  # destructive rehearsal tests are refused for production
        return "pytest -m 'predeploy and not destructive' --target production"
    return f"pytest -m predeploy --target {target}"


def write_catalog_record(path: Path, target: str, database: str, catalog: Catalog) -> CatalogRecord:
    """Write atomically: a concurrent reader sees the old file or the new one, never half of one."""
    record = CatalogRecord(target, database, datetime.now(UTC).isoformat(timespec="seconds"), catalog)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_text(json.dumps(record.__dict__, indent=1, sort_keys=True))
    partial.replace(path)
    return record


def read_catalog_record(path: Path, target: str, database: str) -> CatalogRecord:
    if not path.is_file():
        raise CatalogRecordError(
            f"no pre-migration catalog recorded for {target} at {path}: run `{record_command(target)}` before the "
            "migration "
            "to record the target's pre-migration catalog (or pass --recorded DIR where it is)"
        )
    try:
        record = CatalogRecord(**json.loads(path.read_text()))
    except (ValueError, TypeError) as error:
        raise CatalogRecordError(
            f"{path} is not a catalog record written by this suite ({error}); record it again") from None
    if (record.target, record.database) != (target, database):
        raise CatalogRecordError(
            f"{path} was recorded for {record.target} ({record.database}), not for {target} ({database}); "
            f"run `{record_command(target)}` before the migration"
        )
    return record
