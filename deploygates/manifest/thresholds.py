"""thresholds.toml, typed: the gates' thresholds as data.

Every key of a table is required and checked against its type, so a typo or a wrong unit is one
clear error line naming the key and what it expects, never a silently used default.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, TypeVar

from deploygates import resources
from deploygates.manifest.checkpoints import Checkpoint, Settings, parse_checkpoints, parse_settings
from deploygates.manifest.numbers import number
from deploygates.manifest.toml import ThresholdsError, read_toml

THRESHOLDS_FILE = resources.THRESHOLDS_FILE
T = TypeVar("T")


@dataclass(frozen=True)
class Phase1:
    window_budget_minutes: float
    drain_seconds: float
    rollback_budget_minutes: float
    backup_max_age_hours: float
    forecast_projected_users: int
    lock_max_blocked_wait_seconds: float
    lock_max_access_exclusive_seconds: float
    lock_large_table_rows: int
    lint_large_table_rows: int
    lint_lock_rules: tuple[str, ...]


@dataclass(frozen=True)
class Prerequisites:
    min_max_connections: int
    max_connection_use: float
    app_application_names: tuple[str, ...]
    app_usenames: tuple[str, ...]
    signoff_max_age_days: float


@dataclass(frozen=True)
class Timeouts:
    connect_seconds: float
    statement_seconds: float
    lock_seconds: float
    http_seconds: float
    script_seconds: float


@dataclass(frozen=True)
class Thresholds:
    """Every table of thresholds.toml, read and checked once per run."""

    source: Path
    phase1: Phase1
    prerequisites: Prerequisites
    timeouts: Timeouts
    monitoring: Settings
    checkpoints: tuple[Checkpoint, ...]


EXPECTED = {float: "a number (0 or more)", int: "an integer (0 or more)", tuple[str, ...]: "a list of strings"}
SHARES = {"max_connection_use"}  # a share of something: at most 1


def _typed(where: str, expected: Any, value: Any) -> Any:
    if expected is float:
        return number(where, value, maximum=1.0 if where.rsplit(".", 1)[-1] in SHARES else None)
    if expected is int:
        return int(number(where, value, integer=True))
    if expected == tuple[str, ...] and isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ThresholdsError(f"{where} must be {EXPECTED[expected]}, got {value!r}")


def parse_table(raw: dict[str, Any], source: str, name: str, schema: type[T]) -> T:
    """The [name] table of `raw`, every field of the dataclass `schema` required and typed."""
    table = raw.get(name)
    if not isinstance(table, dict):
        raise ThresholdsError(f"{source}: no [{name}] table; copy it from the project's thresholds.toml")
    hints = {"float": float, "int": int, "tuple[str, ...]": tuple[str, ...]}
    values: dict[str, Any] = {}
    for field in fields(schema):  # type: ignore[arg-type]
        where = f"{source}: [{name}].{field.name}"
        if field.name not in table:
            raise ThresholdsError(f"{where} is missing; it must be {EXPECTED[hints[str(field.type)]]}")
        values[field.name] = _typed(where, hints[str(field.type)], table[field.name])
    unknown = sorted(set(table) - set(values))
    if unknown:
        raise ThresholdsError(f"{source}: [{name}].{unknown[0]} is not a known threshold")
    return schema(**values)


def parse_phase1(raw: dict[str, Any], source: str) -> Phase1:
    return parse_table(raw, source, "phase1", Phase1)


def load_thresholds(path: Path = THRESHOLDS_FILE) -> Thresholds:
    """Every table of the file, each key required and typed; the first problem is one ThresholdsError."""
    raw, source = read_toml(path), str(path)
    return Thresholds(path, parse_phase1(raw, source), parse_table(raw, source, "prerequisites", Prerequisites),
                      parse_table(raw, source, "timeouts", Timeouts), parse_settings(raw, source),
                      parse_checkpoints(raw, source))


__all__ = ["Phase1", "Prerequisites", "Thresholds", "ThresholdsError", "Timeouts", "load_thresholds", "parse_phase1",
           "read_toml"]
