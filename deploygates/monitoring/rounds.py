"""Measuring rounds, and watch mode: the checkpoints evaluated COUNT times, each round lasting at least
INTERVAL seconds, a row failing when more than FAILURE_LIMIT of its readings crossed a level (the
semantics of an Argo Rollouts AnalysisRun's interval, count and failureLimit).

Without --watch there is one round, as long as the probe takes. A round: every source's begin(), the
probe's traffic, the rest of the interval, every source's end(). Watch mode stops early once a row
has crossed its rollback level more than FAILURE_LIMIT times: waiting longer cannot undo that.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from deploygates.errors import Blocked
from deploygates.manifest.checkpoints import Checkpoint, duration_seconds
from deploygates.monitoring.measure import Judgement, Measurement, Reading, judge, read, show, unavailable
from deploygates.monitoring.sources import Source
from deploygates.secrets import redact

WATCH_FORMAT = re.compile(r"^\s*([^,]+),\s*(\d+)\s*,\s*(\d+)\s*$")


class WatchError(ValueError):
    """--watch is malformed; the message shows the expected form."""


@dataclass(frozen=True)
class WatchPlan:
    interval: float = 0.0
    count: int = 1
    failure_limit: int = 0


def parse_watch(text: str) -> WatchPlan:
    """"INTERVAL,COUNT,FAILURE_LIMIT", INTERVAL in seconds or as a duration ("60", "30s", "1m")."""
    found = WATCH_FORMAT.match(text)
    problem = f"--watch {text!r}: expected INTERVAL,COUNT,FAILURE_LIMIT, e.g. 60,30,1 (every 60 s, 30 times, " \
              "failing when more than 1 reading crossed a level)"
    if not found:
        raise WatchError(problem)
    interval_text, count, limit = found.group(1).strip(), int(found.group(2)), int(found.group(3))
    try:
        interval = float(interval_text) if interval_text.replace(".", "", 1).isdigit() else duration_seconds(
            interval_text)
    except ValueError:
        raise WatchError(problem) from None
    if count < 1 or limit >= count:
        raise WatchError(f"--watch {text!r}: COUNT must be at least 1 and FAILURE_LIMIT below COUNT")
    return WatchPlan(interval, count, limit)


@dataclass(frozen=True)
class Stopped:
    """Why a source gave nothing this round; `blocked_by` the gate whose failure it was (the root cause)."""

    problem: str
    blocked_by: str = ""


def guarded(name: str, step: Callable[[], dict[str, Measurement] | None]) -> dict[str, Measurement] | Stopped:
    """A source's step; an exception it did not expect makes its metrics unavailable, not the round fail."""
    try:
        return step() or {}
    except Blocked as block:  # something it needs failed first, elsewhere
        return Stopped(redact(block.reason or str(block)), block.step)
    except Exception as error:
        return Stopped(redact(f"source {name} failed: {type(error).__name__}: {str(error).strip()}"))


def measure_round(sources: Mapping[str, Source], traffic: Callable[[], None] | None,
                  min_seconds: float) -> dict[str, dict[str, Measurement] | Stopped]:
    """Every source's measurements by metric, or the problem that stopped the source."""
    started = time.monotonic()
    failed = {name: guarded(name, source.begin) for name, source in sources.items()}
    traffic_failed = guarded("probe", traffic) if traffic is not None else {}
    time.sleep(max(0.0, min_seconds - (time.monotonic() - started)))
    measured: dict[str, dict[str, Measurement] | Stopped] = {}
    for name, source in sources.items():
        problem = failed[name] if isinstance(failed[name], Stopped) else traffic_failed if name == "probe" else {}
        measured[name] = problem if isinstance(problem, Stopped) else guarded(name, source.end)
    return measured


def lookup(measured: Mapping[str, Mapping[str, Measurement] | Stopped], row: Checkpoint) -> Measurement:
    found = measured.get(row.source, {})
    if isinstance(found, Stopped):
        return unavailable(row.source, found.problem, found.blocked_by)
    return found.get(row.metric) or unavailable(row.source, f"source {row.source} gave no {row.metric}")


def short(row: Checkpoint, reading: Reading) -> str:
    value = reading.measurement.value
    shown = "no data" if value is None else show(value, row.unit)
    return f"{row.id} {shown} {reading.outcome.upper() if reading.outcome != 'pass' else 'ok'}"


def watch(rows: Sequence[Checkpoint], sources: Mapping[str, Source], traffic: Callable[[], None] | None,
          plan: WatchPlan, progress: Callable[[str], None]) -> dict[str, Judgement]:
    readings: dict[str, list[Reading]] = {row.id: [] for row in rows}
    judged: dict[str, Judgement] = {}
    for number in range(1, plan.count + 1):
        started = time.monotonic()
        measured = measure_round(sources, traffic, plan.interval if plan.count > 1 else 0.0)
        for row in rows:
            readings[row.id].append(read(row, lookup(measured, row)))
        judged = {row.id: judge(row, readings[row.id], plan.failure_limit) for row in rows}
        if plan.count > 1:
            line = " | ".join(short(row, readings[row.id][-1]) for row in rows)
            progress(f"watch {number}/{plan.count} ({time.monotonic() - started:.0f} s): {line}")
        decided = [j.row.id for j in judged.values() if j.outcome == "rollback_now"]
        if decided and number < plan.count:
            progress(f"watch stopped after {number} of {plan.count} rounds: {', '.join(decided)} crossed the "
                     f"rollback level more than {plan.failure_limit} times")
            break
    return judged
