"""thresholds.toml's monitoring rows, typed: one [[checkpoint]] per runbook checkpoint or trigger,
and the [monitoring] table that says how the sources measure.

Every field is checked; a malformed row is one error line naming the row and the field, never a
silently used default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from deploygates.manifest.numbers import check_levels, number
from deploygates.manifest.toml import ThresholdsError

LEVELS = ("rollback", "consider", "checkpoint")  # most severe first
COMPARISONS = ("above", "below")
UNITS = ("ratio", "seconds", "milliseconds", "count")
SOURCES = ("probe", "app_metrics", "prometheus", "database", "database_cpu", "business", "logs")
DURATION = re.compile(r"^(\d+(?:\.\d+)?)(s|m|h|d)$")
SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def duration_seconds(text: str) -> float:
    """"30s", "5m", "24h", "7d" → seconds; ValueError otherwise."""
    found = DURATION.match(text)
    if not found:
        raise ValueError(text)
    return float(found.group(1)) * SECONDS[found.group(2)]


@dataclass(frozen=True)
class Checkpoint:
    id: str
    title: str
    runbook: tuple[str, ...]
    metric: str
    source: str
    comparison: str
    unit: str
    window: str
    min_samples: int
    checkpoint: float | None = None
    consider: float | None = None
    rollback: float | None = None
    lookback: str | None = None  # business rows: how far back the pre-migration comparison lies

    @property
    def window_seconds(self) -> float:
        return duration_seconds(self.window)

    @property
    def lookback_seconds(self) -> float:
        return duration_seconds(self.lookback) if self.lookback else 0.0

    @property
    def trigger(self) -> str:
        """The rollback trigger this row is (as a gate's `trigger` marker says): rollback_now when it sets a
        rollback level, consider_rollback when it sets a consider level, none otherwise."""
        if self.rollback is not None:
            return "rollback_now"
        return "consider_rollback" if self.consider is not None else ""

    def levels(self) -> list[tuple[str, float]]:
        """The levels this row sets, most severe first."""
        return [(name, level) for name in LEVELS if (level := getattr(self, name)) is not None]

    def crossed(self, value: float) -> str | None:
        """The most severe level the value is beyond (strictly above, or strictly below), or None."""
        for name, level in self.levels():
            if (value > level) if self.comparison == "above" else (value < level):
                return name
        return None


@dataclass(frozen=True)
class PromQuery:
    value: str  # the metric's PromQL; `$window` is replaced by the row's window
    samples: str = ""  # PromQL counting what the value was computed from (requests, sign-ins)


@dataclass(frozen=True)
class Settings:
    probe_signins: int
    probe_signin_concurrency: int
    probe_calls_per_route: int
    probe_concurrency: int
    probe_timeout_seconds: float
    metrics_path: str
    connection_attempts: int
    log_tail_lines: int
    critical_log_pattern: str
    organization_query_pattern: str
    promql: dict[str, PromQuery] = field(default_factory=dict)


ROW_TYPES: dict[str, tuple[Any, str]] = {
    "id": (str, "a string"), "title": (str, "a string"), "metric": (str, "a string"),
    "window": (str, 'a duration like "30s", "5m", "24h"'), "min_samples": (int, "an integer (0 or more)"),
    "checkpoint": ((int, float), "a number"), "consider": ((int, float), "a number"),
    "rollback": ((int, float), "a number"), "lookback": (str, 'a duration like "7d"'),
}
CHOICES = {"source": SOURCES, "comparison": COMPARISONS, "unit": UNITS}
REQUIRED = ("id", "title", "runbook", "metric", "source", "comparison", "unit", "window", "min_samples")


def _row_value(where: str, name: str, value: Any) -> Any:
    if name == "runbook":
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise ThresholdsError(f"{where}.runbook must be a runbook id or a list of them, got {value!r}")
        return tuple(value)
    if name in CHOICES:
        if value not in CHOICES[name]:
            raise ThresholdsError(f"{where}.{name} must be one of {', '.join(CHOICES[name])}, got {value!r}")
        return value
    if name in LEVELS:
        return number(f"{where}.{name}", value)
    if name == "min_samples":
        return int(number(f"{where}.{name}", value, integer=True))
    kind, expected = ROW_TYPES[name]
    if not isinstance(value, kind):
        raise ThresholdsError(f"{where}.{name} must be {expected}, got {value!r}")
    if name in ("window", "lookback"):
        try:
            duration_seconds(value)
        except ValueError:
            raise ThresholdsError(f"{where}.{name} must be {expected}, got {value!r}") from None
    return value


def parse_row(entry: Any, source: str, number: int) -> Checkpoint:
    row_id = entry.get("id") if isinstance(entry, dict) else None
    where = f"{source}: [[checkpoint]] {row_id!r}" if isinstance(row_id, str) else f"{source}: [[checkpoint]] #{number}"
    if not isinstance(entry, dict):
        raise ThresholdsError(f"{where} must be a table")
    missing = [name for name in REQUIRED if name not in entry]
    if missing:
        raise ThresholdsError(f"{where}.{missing[0]} is missing")
    unknown = sorted(set(entry) - set(REQUIRED) - set(ROW_TYPES))
    if unknown:
        raise ThresholdsError(f"{where}.{unknown[0]} is not a known field")
    row = Checkpoint(**{name: _row_value(where, name, value) for name, value in entry.items()})
    if not row.levels():
        raise ThresholdsError(f"{where} sets no level: give checkpoint, consider and/or rollback")
    check_levels(where, row.metric, row.comparison, row.levels())
    return row


def parse_checkpoints(raw: dict[str, Any], source: str) -> tuple[Checkpoint, ...]:
    entries = raw.get("checkpoint")
    if not isinstance(entries, list) or not entries:
        raise ThresholdsError(f"{source}: no [[checkpoint]] rows; copy them from the project's thresholds.toml")
    rows = tuple(parse_row(entry, source, number) for number, entry in enumerate(entries, start=1))
    seen: set[str] = set()
    for row in rows:
        if row.id in seen:
            raise ThresholdsError(f"{source}: [[checkpoint]] {row.id!r} appears twice")
        seen.add(row.id)
    return rows


SETTING_TYPES: dict[str, type] = {
    "probe_signins": int, "probe_signin_concurrency": int, "probe_calls_per_route": int, "probe_concurrency": int,
    "probe_timeout_seconds": float, "metrics_path": str, "connection_attempts": int, "log_tail_lines": int,
    "critical_log_pattern": str, "organization_query_pattern": str,
}


def _promql(table: Any, where: str) -> dict[str, PromQuery]:
    if not isinstance(table, dict):
        raise ThresholdsError(f"{where} must be a table of metric = {{value = PromQL, samples = PromQL}}")
    queries = {}
    for metric, entry in table.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("value"), str) or set(entry) - {"value", "samples"}:
            raise ThresholdsError(f"{where}.{metric} must be {{value = \"PromQL\", samples = \"PromQL\"}}")
        queries[metric] = PromQuery(entry["value"], str(entry.get("samples", "")))
    return queries


def parse_settings(raw: dict[str, Any], source: str) -> Settings:
    table = raw.get("monitoring")
    if not isinstance(table, dict):
        raise ThresholdsError(f"{source}: no [monitoring] table; copy it from the project's thresholds.toml")
    values: dict[str, Any] = {}
    for name, kind in SETTING_TYPES.items():
        value: Any = table.get(name)
        where = f"{source}: [monitoring].{name}"
        if kind is not str:
            values[name] = kind(number(where, value, integer=kind is int, positive=True))
            continue
        if not isinstance(value, str) or not value:
            raise ThresholdsError(f"{where} must be a non-empty string, got {value!r}")
        values[name] = value
    try:
        re.compile(values["critical_log_pattern"])
    except re.error as error:
        raise ThresholdsError(
            f"{source}: [monitoring].critical_log_pattern is not a regular expression: {error}") from None
    unknown = sorted(set(table) - set(SETTING_TYPES) - {"promql"})
    if unknown:
        raise ThresholdsError(f"{source}: [monitoring].{unknown[0]} is not a known setting")
    return Settings(**values, promql=_promql(table.get("promql", {}), f"{source}: [monitoring.promql]"))
