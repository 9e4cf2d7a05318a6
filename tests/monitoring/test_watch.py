"""Watch mode with scripted sources: progress lines, the failure limit, and stopping early."""

from collections.abc import Iterator

from deploygates.manifest.checkpoints import Checkpoint
from deploygates.monitoring.measure import Measurement
from deploygates.monitoring.rounds import WatchPlan, watch

ROW = Checkpoint("login", "Login failures", ("RBNOW-1",), "ratio", "probe", "above", "ratio", "5m", 1,
                 consider=0.05, rollback=0.10)


class Scripted:
    def __init__(self, values: list[float]) -> None:
        self.values: Iterator[float] = iter(values)
        self.rounds = 0

    def begin(self) -> None:
        self.rounds += 1

    def end(self) -> dict[str, Measurement]:
        return {"ratio": Measurement(next(self.values), 10, "scripted")}


def run(values: list[float], plan: WatchPlan) -> tuple[str, list[str], int]:
    source, lines = Scripted(values), []
    judged = watch([ROW], {"probe": source}, None, plan, lines.append)
    return judged["login"].outcome, lines, source.rounds


def test_each_round_prints_a_progress_line() -> None:
    outcome, lines, rounds = run([0.0, 0.06, 0.0], WatchPlan(0.01, 3, 1))
    assert (outcome, rounds) == ("pass", 3)
    assert lines[1].startswith("watch 2/3")
    assert "login 6.00 % CONSIDER_ROLLBACK" in lines[1]


def test_more_failures_than_the_limit_fail_the_row() -> None:
    assert run([0.06, 0.0, 0.07], WatchPlan(0.01, 3, 1))[0] == "consider_rollback"


def test_watch_stops_once_a_rollback_is_decided() -> None:
    outcome, lines, rounds = run([0.2, 0.2, 0.0, 0.0], WatchPlan(0.01, 4, 1))
    assert (outcome, rounds) == ("rollback_now", 2)
    assert lines[-1].startswith("watch stopped after 2 of 4 rounds")


def test_each_round_lasts_the_interval() -> None:
    import time

    started = time.monotonic()
    run([0.0, 0.0], WatchPlan(0.2, 2, 0))
    assert time.monotonic() - started >= 0.4
