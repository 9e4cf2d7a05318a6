"""What a row's test says: the failure message (measured value, threshold, sample size, runbook line)
and the evidence it hands the verdict (deploygates/verdict.py) through its user properties."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from deploygates.manifest.checkpoints import Checkpoint
from deploygates.manifest.runbook import load_manifest
from deploygates.monitoring.measure import Judgement, Reading, show
from deploygates.reporting.attachments import attach_chart, attach_measurements, histogram, rounds_chart
from deploygates.secrets import redact

VERDICT_OF = {"pass": "GO", "hold": "HOLD", "consider_rollback": "CONSIDER_ROLLBACK",
              "rollback_now": "ROLLBACK_NOW", "inconclusive": "INCONCLUSIVE"}


def thresholds(row: Checkpoint) -> str:
    sign = ">" if row.comparison == "above" else "<"
    return ", ".join(f"{name} {sign} {show(level, row.unit)}" for name, level in reversed(row.levels()))


def runbook_lines(row: Checkpoint) -> list[str]:
    manifest = load_manifest()
    return [f"{item} (runbook line {manifest[item].line}): {manifest[item].title}" if item in manifest else item
            for item in row.runbook]


def message(judged: Judgement) -> str:
    row, worst = judged.row, judged.worst
    head = f"{row.title} [{row.id}] → {VERDICT_OF[judged.outcome]}"
    lines = [head]
    if worst is not None:
        lines.append(f"measured: {worst.describe(row)}")
        if worst.measurement.detail:
            lines.append(f"  {worst.measurement.detail}")
        lines.append(f"source: {worst.measurement.source}")
    else:
        lines.append("measured: nothing (no reading was taken)")
    lines.append(f"thresholds: {thresholds(row)} (at least {row.min_samples} samples)")
    if len(judged.readings) > 1:
        counts = ", ".join(f"{n} {o}" for o, n in judged.counts().items() if n)
        lines.append(f"watch: {len(judged.readings)} readings ({counts or 'all within'}); "
                     f"failure limit {judged.failure_limit}")
    lines += [f"runbook {line}" for line in runbook_lines(row)]
    return redact("\n".join(lines))


def evidence(judged: Judgement, deployment: tuple[datetime | None, str]) -> dict[str, Any]:
    row, worst = judged.row, judged.worst
    measured = worst.measurement if worst is not None else None
    return {
        "row": row.id, "outcome": judged.outcome, "metric": row.metric, "unit": row.unit,
        "value": measured.value if measured else None, "samples": measured.samples if measured else 0,
        "min_samples": row.min_samples, "thresholds": thresholds(row),
        "source": redact(measured.source) if measured else "", "problem": redact(measured.problem) if measured else "",
        "detail": redact(measured.detail) if measured else "", "readings": len(judged.readings),
        "failure_limit": judged.failure_limit,
        "deployed_at": deployment[0].isoformat() if deployment[0] else None, "deployed_source": redact(deployment[1]),
    }


def measured_row(row: Checkpoint, reading: Reading) -> tuple[str, str, str, str]:
    m = reading.measurement
    value = f"{show(m.value, row.unit)} from {m.samples} samples" if m.value is not None else f"none ({m.problem})"
    return (row.title, value, f"{thresholds(row)} (at least {row.min_samples} samples)",
            "pass" if reading.outcome == "pass" else VERDICT_OF[reading.outcome])


def level_lines(row: Checkpoint) -> list[tuple[float, str]]:
    """The row's levels as chart lines, in the row's unit ("checkpoint 2.000 s")."""
    return [(level, f"{name} {show(level, row.unit)}") for name, level in row.levels()]


def attach_judgement(judged: Judgement) -> None:
    """The readings against the row's thresholds (one line per reading in watch mode); the probe's latencies
    of the deciding reading as a histogram per route with the row's levels when it measures seconds; in watch
    mode the readings over the rounds with the levels (as Argo shows an AnalysisRun). Charts shown inline."""
    row, worst = judged.row, judged.worst
    attach_measurements(f"{row.id}: measured against thresholds", [measured_row(row, r) for r in judged.readings])
    if worst is not None and worst.measurement.latencies:
        series = dict(worst.measurement.latencies)
        lines = level_lines(row) if row.unit == "seconds" else []
        attach_chart("probe latency per route (histogram)", lambda: histogram(
            f"probe latency per route ({row.id})", series, "seconds", lines=lines), inline=True)
    if len(judged.readings) > 1:
        readings = [(r.measurement.value, r.outcome) for r in judged.readings]
        attach_chart("readings over the watch rounds", lambda: rounds_chart(
            f"{row.title}: each round against its levels", readings, row.unit, level_lines(row)), inline=True)
