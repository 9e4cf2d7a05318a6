"""Lock observation: the migration scripts run on a scratch clone under simulated application
traffic while a sampler polls pg_locks and pg_stat_activity every 50 ms.

It records, per relation, the lock modes the migration's session held and for how long (a hold
is the span between the first and the last sample that saw it: a lower bound), every session
that waited for a lock and the longest wait (pg_locks.waitstart).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from deploygates.migration.template import clone
from deploygates.postgres.connections import drop_database, scratch_name
from deploygates.postgres.psql import ScriptRun, run_file
from deploygates.readiness.table_rows import query
from deploygates.readiness.traffic import TRAFFIC_APP, Traffic, with_session

MIGRATION_APP = "gate-migration"
SAMPLE_SECONDS = 0.05
ACCESS_EXCLUSIVE = "AccessExclusiveLock"
# PostgreSQL's table lock modes, weakest first.
STRENGTH = ("AccessShareLock", "RowShareLock", "RowExclusiveLock", "ShareUpdateExclusiveLock", "ShareLock",
            "ShareRowExclusiveLock", "ExclusiveLock", ACCESS_EXCLUSIVE)
TABLE_KINDS = ("r", "p")


@dataclass(frozen=True)
class Hold:
    relation: str
    mode: str
    seconds: float
    samples: int


@dataclass(frozen=True)
class Wait:
    application: str
    relation: str
    mode: str
    seconds: float


@dataclass
class LockObservation:
    samples: int = 0
    holds: list[Hold] = field(default_factory=list)
    waits: dict[tuple[int, str, str], Wait] = field(default_factory=dict)
    runs: list[ScriptRun] = field(default_factory=list)
    traffic_requests: int = 0
    traffic_errors: list[str] = field(default_factory=list)
    _open: dict[tuple[int, str, str], list[float]] = field(default_factory=dict)

    def longest_wait(self, application: str = TRAFFIC_APP) -> Wait | None:
        waits = [w for w in self.waits.values() if w.application == application]
        return max(waits, key=lambda w: w.seconds, default=None)

    def blocked_sessions(self) -> int:
        return len({pid for pid, _, _ in self.waits})

    def access_exclusive(self) -> list[Hold]:
        return sorted((h for h in self.holds if h.mode == ACCESS_EXCLUSIVE), key=lambda h: -h.seconds)

    def modes(self) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for hold in self.holds:
            found.setdefault(hold.relation, set()).add(hold.mode)
        return found

    def strongest(self) -> dict[str, str]:
        """The strongest mode the scripts held on each table."""
        rank = {mode: number for number, mode in enumerate(STRENGTH)}
        return {table: max(modes, key=lambda m: rank.get(m, -1)) for table, modes in sorted(self.modes().items())}

    def record(self, at: float, rows: list[tuple[int, str, str, str, str, bool, float]]) -> None:
        self.samples += 1
        seen: set[tuple[int, str, str]] = set()
        for pid, app, relation, relkind, mode, granted, waiting in rows:
            if granted and app == MIGRATION_APP and relkind in TABLE_KINDS:
                seen.add((pid, relation, mode))
                span = self._open.setdefault((pid, relation, mode), [at, at, 0.0])
                span[1], span[2] = at, span[2] + 1
            if not granted:
                old = self.waits.get((pid, relation, mode))
                if old is None or waiting > old.seconds:
                    self.waits[(pid, relation, mode)] = Wait(app, relation, mode, waiting)
        for key in [key for key in self._open if key not in seen]:
            self.close(key)

    def close(self, key: tuple[int, str, str]) -> None:
        first, last, samples = self._open.pop(key)
        self.holds.append(Hold(key[1], key[2], last - first, int(samples)))


def sample(dsn: str, observation: LockObservation, stop: threading.Event) -> None:
    text = query("lock_sample.sql")
    with psycopg.connect(with_session(dsn, "gate-lock-sampler", "5s"), autocommit=True) as conn:
        while not stop.is_set():
            tick = time.monotonic()
            observation.record(tick, conn.execute(text).fetchall())
            stop.wait(max(0.0, SAMPLE_SECONDS - (time.monotonic() - tick)))
    for key in list(observation._open):
        observation.close(key)


def observe_locks(admin_dsn: str, bindir: Path | None, template: str, files: tuple[Path, ...]) -> LockObservation:
    """Run `files` (psql, as the runbook) on a clone of `template` under traffic, sampling locks."""
    name = scratch_name("locks")
    dsn = clone(admin_dsn, template, name)
    observation, stop = LockObservation(), threading.Event()
    traffic = Traffic(dsn)
    sampler = threading.Thread(target=sample, args=(dsn, observation, stop), name="lock-sampler", daemon=True)
    try:
        sampler.start()
        traffic.start()
        time.sleep(0.2)  # traffic under way before the first script
        for file in files:
            observation.runs.append(run_file(bindir, with_session(dsn, MIGRATION_APP, "0"), file))
            if not observation.runs[-1].ok:
                break
    finally:
        traffic.stop()
        stop.set()
        sampler.join(timeout=30)
        drop_database(admin_dsn, name)
    observation.traffic_requests, observation.traffic_errors = traffic.requests, traffic.errors
    return observation
