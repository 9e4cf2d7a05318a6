"""Database-side business metrics (runbook MON24H-1/2, BIZ-3/4): engagement and support tickets after
the migration against before it, each one number from a file of sql/metrics/.

Engagement: distinct users active (journal entry written, virtue progress updated) from the deployment
on (up to the row's window) against the same stretch of time `lookback` earlier (7 days: the same
weekday and hours). Support tickets: tickets per day since the deployment against tickets per day in
the `lookback` period before it. The sample size is the pre-migration count: too few of those and the
comparison says nothing (inconclusive).

Clock: real targets are read as of now, with the deployment time from the platform (or --deployed-at).
The sandbox's generated history thins out over its last two weeks (every user's history ends at the
dataset's clock), so the sandbox is read as of 14 days before its latest activity, where activity is
steady, as if the deployment had happened one row window before that.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import psycopg

from deploygates import resources
from deploygates.manifest.checkpoints import Checkpoint
from deploygates.monitoring.database import sql_text
from deploygates.monitoring.measure import Measurement, unavailable
from deploygates.postgres.connections import limits, read_only_dsn
from deploygates.postgres.queries import title_of

METRICS = resources.SQL_DIR / "metrics"
SANDBOX_SETTLED = timedelta(days=14)  # before the generated history's thinning tail


@dataclass(frozen=True)
class Clock:
    as_of: datetime  # aware
    deployed_at: datetime | None  # aware; None: unknown
    sandbox: bool
    source: str  # where the deployment time comes from


def count(dsn: str, name: str, start: datetime, end: datetime) -> int:
    path = METRICS / f"{name}.sql"
    title_of(path)
    with psycopg.connect(read_only_dsn(dsn), connect_timeout=limits().connect_timeout) as conn:
        row = conn.execute(path.read_text(), {"window_start": start, "window_end": end}).fetchone()
    assert row is not None
    return int(row[0])


def sandbox_as_of(dsn: str) -> datetime:
    with psycopg.connect(read_only_dsn(dsn), connect_timeout=limits().connect_timeout) as conn:
        row = conn.execute(sql_text("latest_activity")).fetchone()
    if row is None or row[0] is None:
        raise psycopg.DataError("the sandbox dataset has no activity (journal entries, virtue progress)")
    latest: datetime = row[0]
    return latest + timedelta(microseconds=1) - SANDBOX_SETTLED


def after_window(row: Checkpoint, clock: Clock) -> tuple[datetime, datetime] | str:
    if clock.sandbox:
        return clock.as_of - timedelta(seconds=row.window_seconds), clock.as_of
    if clock.deployed_at is None:
        return f"the deployment time is unknown ({clock.source}): give --deployed-at ISO-TIME"
    end = min(clock.as_of, clock.deployed_at + timedelta(seconds=row.window_seconds))
    if end <= clock.deployed_at:
        return f"the deployment ({clock.deployed_at.isoformat()}) is later than now"
    return clock.deployed_at, end


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def engagement(dsn: str, row: Checkpoint, clock: Clock) -> Measurement:
    where = "active users (journal entries, virtue progress) after against before the migration"
    window = after_window(row, clock)
    if isinstance(window, str):
        return unavailable(where, window)
    start, end = window
    shift = timedelta(seconds=row.lookback_seconds)
    try:
        after, before = count(dsn, "active_users", start, end), count(dsn, "active_users", start - shift, end - shift)
    except psycopg.Error as error:
        return unavailable(where, f"the activity could not be counted: {str(error).strip()}")
    return Measurement(after / before if before else None, before, where, "" if before else
                       "nobody was active in the same window before the migration: nothing to compare with",
                       f"{after} active {stamp(start)}..{stamp(end)} UTC, {before} active "
                       f"{stamp(start - shift)}..{stamp(end - shift)} UTC")


def support_tickets(dsn: str, row: Checkpoint, clock: Clock) -> Measurement:
    where = "support tickets per day after against before the migration"
    window = after_window(row, clock)
    if isinstance(window, str):
        return unavailable(where, window)
    start, end = window
    lookback_start = start - timedelta(seconds=row.lookback_seconds)
    try:
        after, before = count(dsn, "support_tickets", start, end), count(dsn, "support_tickets", lookback_start, start)
    except psycopg.Error as error:
        return unavailable(where, f"the tickets could not be counted: {str(error).strip()}")
    after_days, before_days = (end - start) / timedelta(days=1), row.lookback_seconds / 86400
    after_rate, before_rate = after / after_days, before / before_days if before_days else 0.0
    return Measurement(after_rate / before_rate if before_rate else None, before, where,
                       "" if before_rate else "no ticket in the lookback period: nothing to compare with",
                       f"{after} tickets {stamp(start)}..{stamp(end)} UTC ({after_rate:.2f}/day), {before} in the "
                       f"{before_days:g} days before ({before_rate:.2f}/day)")
