"""thresholds.toml's [[checkpoint]] rows and [monitoring] table: loaded typed, refused with one clear line."""

import re
import tomllib
from typing import Any

import pytest

from deploygates.manifest.checkpoints import Checkpoint, duration_seconds, parse_checkpoints, parse_settings
from deploygates.manifest.thresholds import THRESHOLDS_FILE, ThresholdsError

RAW = tomllib.loads(THRESHOLDS_FILE.read_text())


def with_row_field(field: str, value: Any) -> dict[str, Any]:
    rows = [dict(row) for row in RAW["checkpoint"]]
    rows[1][field] = value
    return {**RAW, "checkpoint": rows}


def test_the_project_rows_cover_every_runbook_checkpoint_and_trigger() -> None:
    ids = {item for row in parse_checkpoints(RAW, "t") for item in row.runbook}
    expected = {"MON30-1", "MON30-2", "MON30-3", "MON30-4", "MON30-5", "RBNOW-1", "RBNOW-2", "RBCONS-1", "RBCONS-2",
                "RBCONS-3", "RBCONS-4", "RBCONS-5", "MON24H-1", "MON24H-2", "MON24H-3", "MON4H-5"}
    assert expected <= ids


def test_the_runbook_levels_are_the_documented_ones() -> None:
    rows = {row.id: row for row in parse_checkpoints(RAW, "t")}
    levels = {name: (rows[name].checkpoint, rows[name].consider, rows[name].rollback)
              for name in ("login-failure-rate", "api-response-time", "error-rate", "database-cpu")}
    assert levels == {"login-failure-rate": (0.05, 0.05, 0.10), "api-response-time": (2.0, 5.0, None),
                      "error-rate": (0.01, 0.05, None), "database-cpu": (0.80, 0.90, None)}


@pytest.mark.parametrize(("field", "value", "says"), [
    ("min_samples", "many", "min_samples must be an integer"),
    ("comparison", "over", "comparison must be one of above, below"),
    ("window", "5 minutes", "window must be a duration"),
    ("consider", True, "consider must be a number"),
    ("source", "grafana", "source must be one of"),
    ("runbook", [], "runbook must be a runbook id"),
    ("colour", "red", "colour is not a known field"),
])
def test_a_malformed_row_names_the_row_and_the_field(field: str, value: Any, says: str) -> None:
    with pytest.raises(ThresholdsError, match=re.escape(f"[[checkpoint]] 'api-response-time'.{field}")) as raised:
        parse_checkpoints(with_row_field(field, value), "thresholds.toml")
    assert says in str(raised.value)
    assert "\n" not in str(raised.value)


def test_a_row_without_any_level_is_refused() -> None:
    raw = with_row_field("checkpoint", 1.0)
    del raw["checkpoint"][1]["checkpoint"], raw["checkpoint"][1]["consider"]
    with pytest.raises(ThresholdsError, match="'api-response-time' sets no level"):
        parse_checkpoints(raw, "thresholds.toml")


def test_a_missing_setting_names_it() -> None:
    settings = {k: v for k, v in RAW["monitoring"].items() if k != "probe_signins"}
    with pytest.raises(ThresholdsError, match=r"\[monitoring\]\.probe_signins must be a positive integer"):
        parse_settings({"monitoring": settings}, "thresholds.toml")


def row(comparison: str, **levels: float) -> Checkpoint:
    return Checkpoint("r", "R", ("MON30-1",), "m", "probe", comparison, "ratio", "5m", 1, **levels)


@pytest.mark.parametrize(("value", "crossed"), [(0.04, None), (0.05, None), (0.06, "consider"), (0.11, "rollback")])
def test_the_most_severe_level_crossed_counts(value: float, crossed: str | None) -> None:
    assert row("above", checkpoint=0.05, consider=0.05, rollback=0.10).crossed(value) == crossed


def test_below_rows_are_crossed_by_lower_values() -> None:
    below = row("below", checkpoint=0.8)
    assert (below.crossed(0.79), below.crossed(0.8)) == ("checkpoint", None)


def test_durations() -> None:
    assert [duration_seconds(t) for t in ("30s", "5m", "24h", "7d")] == [30, 300, 86400, 604800]
