"""Readings and judgements: levels, sample sizes, missing data, and watch mode's failure limit."""

import pytest

from deploygates.manifest.checkpoints import Checkpoint
from deploygates.monitoring.measure import Measurement, judge, read, unavailable
from deploygates.monitoring.rounds import WatchError, WatchPlan, parse_watch

ROW = Checkpoint("login", "Login failures", ("RBNOW-1",), "m", "probe", "above", "ratio", "5m", 100,
                 checkpoint=0.05, consider=0.05, rollback=0.10)


def reading(value: float | None, samples: int = 100) -> Measurement:
    return Measurement(value, samples, "test") if value is not None else unavailable("test", "unreachable")


@pytest.mark.parametrize(("value", "samples", "outcome"), [
    (0.0, 100, "pass"), (0.06, 100, "consider_rollback"), (0.12, 100, "rollback_now"),
    (0.0, 99, "inconclusive"), (None, 0, "inconclusive"),
])
def test_one_reading(value: float | None, samples: int, outcome: str) -> None:
    assert read(ROW, reading(value, samples)).outcome == outcome


def test_no_reading_is_inconclusive_never_a_pass() -> None:
    assert judge(ROW, []).outcome == "inconclusive"


@pytest.mark.parametrize(("values", "limit", "outcome"), [
    ([0.0, 0.12, 0.0], 1, "pass"),
    ([0.12, 0.12, 0.0], 1, "rollback_now"),
    ([0.12, 0.06, 0.0], 1, "consider_rollback"),
    ([None, None, 0.0], 1, "inconclusive"),
    ([None, 0.0, 0.0], 1, "pass"),
])
def test_watch_counts_readings_beyond_each_level(values: list[float | None], limit: int, outcome: str) -> None:
    assert judge(ROW, [read(ROW, reading(v)) for v in values], limit).outcome == outcome


def test_a_rollback_reading_counts_as_a_consider_reading() -> None:
    judged = judge(ROW, [read(ROW, reading(0.12)), read(ROW, reading(0.06))], 1)
    assert judged.counts()["consider_rollback"] == 2


def test_watch_option() -> None:
    assert (parse_watch("60,30,1"), parse_watch("30s, 2, 0")) == (WatchPlan(60, 30, 1), WatchPlan(30, 2, 0))


@pytest.mark.parametrize("text", ["60", "60,30", "x,3,1", "60,3,3", "60,0,0"])
def test_malformed_watch_option_is_refused(text: str) -> None:
    with pytest.raises(WatchError, match="--watch"):
        parse_watch(text)
