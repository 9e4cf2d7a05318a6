"""A measurement, and a row's judgement of one or several of them (watch mode: like an Argo AnalysisRun).

Outcomes, most severe first: rollback_now, consider_rollback, inconclusive, hold, pass. A reading
beyond the rollback level also counts as beyond the consider and checkpoint levels. A row's outcome
is the most severe one that occurred in more than `failure_limit` of its readings; no reading at all
is inconclusive, never a pass.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from deploygates.manifest.checkpoints import Checkpoint
from deploygates.manifest.numbers import SHARES

OUTCOMES = ("rollback_now", "consider_rollback", "inconclusive", "hold", "pass")
LEVEL_OUTCOME = {"rollback": "rollback_now", "consider": "consider_rollback", "checkpoint": "hold"}
BEYOND = {  # a reading with this outcome also counts for these
    "rollback_now": {"rollback_now", "consider_rollback", "hold"},
    "consider_rollback": {"consider_rollback", "hold"},
    "hold": {"hold"},
    "inconclusive": {"inconclusive"},
    "pass": set(),
}


@dataclass(frozen=True)
class Measurement:
    value: float | None
    samples: int
    source: str  # where the number came from, one line
    problem: str = ""  # why there is no number: unreachable, empty, nonsense (→ inconclusive)
    detail: str = ""  # further evidence (percentiles, the windows compared, ...)
    latencies: tuple[tuple[str, tuple[float, ...]], ...] = ()  # seconds of each call, per route (the probe)
    blocked_by: str = ""  # no number because an earlier step failed: that gate (the root cause)
    cause_verdict: str = ""  # what that failure states for the night, if it does


def unavailable(source: str, problem: str, blocked_by: str = "", cause_verdict: str = "") -> Measurement:
    return Measurement(None, 0, source, problem, blocked_by=blocked_by, cause_verdict=cause_verdict)


def show(value: float, unit: str) -> str:
    if unit == "ratio":
        return f"{value * 100:.2f} %"
    if unit == "seconds":
        return f"{value:.3f} s"
    if unit == "milliseconds":
        return f"{value:.1f} ms"
    return f"{value:g}"


@dataclass(frozen=True)
class Reading:
    outcome: str
    measurement: Measurement
    level: str | None = None  # the most severe level crossed

    def describe(self, row: Checkpoint) -> str:
        m = self.measurement
        if m.problem:
            return f"no value ({m.problem})"
        assert m.value is not None
        text = f"{show(m.value, row.unit)} from {m.samples} samples"
        if self.outcome == "inconclusive":
            return f"{text}: too few samples, at least {row.min_samples} needed"
        if self.level is not None:
            limit = show(getattr(row, self.level), row.unit)
            return f"{text}, {row.comparison} the {self.level} level {limit}"
        return text


def out_of_domain(value: float, samples: int, unit: str, metric: str) -> str:
    """Why a measured value cannot be what it claims (a share above 100 %, a negative time or count, NaN),
    or "": such a value is a broken source, never a reading to judge."""
    if not math.isfinite(value):
        return f"the source answered {value}, not a number"
    if value < 0:
        return f"the source answered {show(value, unit)}: a {unit} value is never negative"
    if metric in SHARES and value > 1:
        return f"the source answered {show(value, unit)}: {metric} is a share, never above 100 %"
    if samples < 0:
        return f"the source counted {samples} samples"
    return ""


def read(row: Checkpoint, measurement: Measurement) -> Reading:
    if measurement.problem or measurement.value is None:
        return Reading("inconclusive", measurement)
    wrong = out_of_domain(measurement.value, measurement.samples, row.unit, row.metric)
    if wrong:
        return Reading("inconclusive", replace(measurement, problem=wrong))
    if measurement.samples < row.min_samples:
        return Reading("inconclusive", measurement)
    level = row.crossed(measurement.value)
    return Reading(LEVEL_OUTCOME[level] if level else "pass", measurement, level)


@dataclass(frozen=True)
class Judgement:
    row: Checkpoint
    outcome: str
    readings: tuple[Reading, ...]
    failure_limit: int

    @property
    def worst(self) -> Reading | None:
        """The reading that decided the outcome (the last of them), else the last reading."""
        deciding = [r for r in self.readings if self.outcome in BEYOND[r.outcome] or r.outcome == self.outcome]
        chosen = deciding or list(self.readings)
        return chosen[-1] if chosen else None

    @property
    def blocked_by(self) -> str:
        """The earlier failure that kept every reading from being taken, or "" (some reading was taken)."""
        steps = {r.measurement.blocked_by for r in self.readings}
        return steps.pop() if self.outcome == "inconclusive" and len(steps) == 1 and "" not in steps else ""

    def counts(self) -> dict[str, int]:
        return {o: sum(o in BEYOND[r.outcome] for r in self.readings) for o in OUTCOMES if o != "pass"}


def judge(row: Checkpoint, readings: list[Reading], failure_limit: int = 0) -> Judgement:
    if not readings:
        return Judgement(row, "inconclusive", (), failure_limit)
    counts = {o: sum(o in BEYOND[r.outcome] for r in readings) for o in OUTCOMES if o != "pass"}
    outcome = next((o for o in OUTCOMES if o != "pass" and counts[o] > failure_limit), "pass")
    return Judgement(row, outcome, tuple(readings), failure_limit)
