"""What the Phase-1 readiness gates measured, as the lines of the terminal summary.

The session fixtures fill a `Phase1Report` as they measure; the summary prints whatever was
measured (nothing for a run that selected none of these gates).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from deploygates.manifest.thresholds import Phase1
from deploygates.readiness.backup import BackupFile
from deploygates.readiness.forecast import Forecast
from deploygates.readiness.lint import Finding, blocking
from deploygates.readiness.locks import LockObservation
from deploygates.readiness.table_rows import Rows


@dataclass
class Phase1Report:
    thresholds: Phase1
    sizes: str = ""  # where the target's row counts came from
    backup: BackupFile | None = None
    forecast: Forecast | None = None
    rollback_measured: tuple[float, int] | None = None  # seconds, users
    rehearsal_runs: list[tuple[str, float]] = field(default_factory=list)  # psql -f, file by file
    locks: LockObservation | None = None
    large_rows: Rows = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


def minutes(seconds: float) -> str:
    return f"{seconds / 60:.1f} min" if seconds >= 60 else f"{seconds:.2f} s"


def forecast_lines(report: Phase1Report, forecast: Forecast) -> list[str]:
    budget = report.thresholds.window_budget_minutes
    lines = [f"measured durations ({forecast.large_users:,} users | {forecast.small_users:,} users)"
             f" -> forecast for the target ({report.sizes}):"]
    for file in (*forecast.window_files, forecast.rollback_file):
        lines.append(f"  {file:48} {forecast.measured(file):7.2f} s | {forecast.measured(file, False):6.2f} s"
                     f" -> {minutes(forecast.seconds(file))}")
    lines.append(f"  {'drain (runbook Step 1 sleep)':48} {'':19}    {minutes(forecast.drain_seconds)}")
    lines.append(f"  phase 1 forecast: {minutes(forecast.window_seconds)} of the {budget:g}-minute window; "
                 f"rollback forecast: {minutes(forecast.rollback_seconds)} of "
                 f"{report.thresholds.rollback_budget_minutes:g} min")
    lines += [f"  slowest at the target: {p.statement.file}:{p.statement.line} {p.statement.head} "
              f"{minutes(p.seconds)}" for p in forecast.slowest(3)]
    return lines


def lock_lines(report: Phase1Report, locks: LockObservation) -> list[str]:
    limit = report.thresholds.lock_large_table_rows
    wait = locks.longest_wait()
    waited = f"{wait.seconds:.2f} s for {wait.mode} on {wait.relation}" if wait else "none"
    lines = [f"locks: {locks.samples} samples; traffic {locks.traffic_requests} requests "
             f"({len(locks.traffic_errors)} errors); blocked sessions: {locks.blocked_sessions()}; "
             f"longest wait {waited}"]
    existing = {t: mode.removesuffix("Lock") for t, mode in locks.strongest().items() if t in report.large_rows}
    lines.append("  strongest lock on existing tables: " + ", ".join(f"{t} {m}" for t, m in existing.items()))
    for hold in locks.access_exclusive()[:5]:
        rows = report.large_rows.get(hold.relation, 0)
        size = "large" if rows > limit else "not large"
        lines.append(f"  ACCESS EXCLUSIVE on {hold.relation} held {hold.seconds:.2f} s "
                     f"({rows:,} rows at the target: {size})")
    return lines


def summary_lines(report: Phase1Report) -> list[str]:
    lines: list[str] = []
    if report.backup:
        lines += [f"backup: {report.backup.describe()}", f"  sha256 {report.backup.sha256}"]
    if report.forecast:
        lines += forecast_lines(report, report.forecast)
    if report.rollback_measured:
        seconds, users = report.rollback_measured
        lines.append(f"rollback time measured in the rehearsal: {seconds:.2f} s at {users:,} users")
        runs = ", ".join(f"{name} {took:.2f} s" for name, took in report.rehearsal_runs)
        lines.append(f"  rehearsal, psql -f per script: {runs}")
    if report.locks:
        lines += lock_lines(report, report.locks)
    if report.findings:
        failing = blocking(report.findings, report.thresholds.lint_large_table_rows)
        hazards = [f for f in report.findings if f.lock_hazard]
        lines.append(f"lint: {len(report.findings)} Squawk findings, {len(hazards)} lock hazards, "
                     f"{len(failing)} on large tables")
        lines += [f"  {f.describe()}" for f in (failing or hazards)[:5]]
    return lines
