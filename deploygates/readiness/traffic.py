"""Simulated application traffic: a few readers and writers doing what the app does, bounded.

Each worker has its own connection and loops over the statements of sql/phase1/traffic/
(read_*.sql for readers, write_*.sql for writers) for the users of traffic_users.sql, with a short
pause between requests, until stopped, or after `max_requests` requests, or `max_seconds`.
Every statement is bounded by statement_timeout, so a worker never waits forever.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from deploygates.readiness.table_rows import PHASE1_SQL, query

TRAFFIC_APP = "gate-traffic"
PAUSE_SECONDS = 0.01


class TrafficError(Exception):
    """The traffic cannot start; the message says why."""


@dataclass
class WorkerStats:
    requests: int = 0
    errors: list[str] = field(default_factory=list)
    slowest: float = 0.0


def with_session(dsn: str, application_name: str, statement_timeout: str = "30s") -> str:
    parts = {k: str(v) for k, v in conninfo_to_dict(dsn).items()}
    parts["application_name"] = application_name
    parts["options"] = f"{parts.get('options', '')} -c statement_timeout={statement_timeout}".strip()
    return make_conninfo(**parts)


def statements(kind: str) -> list[str]:
    return [query(f"traffic/{p.name}") for p in sorted((PHASE1_SQL / "traffic").glob(f"{kind}_*.sql"))]


@dataclass
class Traffic:
    dsn: str = field(repr=False)
    readers: int = 3
    writers: int = 2
    max_requests: int = 5000
    max_seconds: float = 300.0
    stats: list[WorkerStats] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)

    def start(self) -> None:
        with psycopg.connect(self.dsn, autocommit=True) as conn:
            users = [row[0] for row in conn.execute(query("traffic_users.sql")).fetchall()]
        if len(users) < self.readers + self.writers:
            raise TrafficError(f"traffic_users.sql found {len(users)} users; the traffic needs one per worker")
        kinds = ["read"] * self.readers + ["write"] * self.writers
        for number, kind in enumerate(kinds):
            stats = WorkerStats()
            self.stats.append(stats)
            worker = threading.Thread(target=self._work, args=(statements(kind), users[number::len(kinds)], stats),
                                      name=f"traffic-{kind}-{number}", daemon=True)
            self._threads.append(worker)
            worker.start()

    def stop(self) -> None:
        self._stop.set()
        for worker in self._threads:
            worker.join(timeout=60)

    @property
    def requests(self) -> int:
        return sum(s.requests for s in self.stats)

    @property
    def errors(self) -> list[str]:
        return [error for s in self.stats for error in s.errors]

    def _work(self, texts: list[str], users: list[object], stats: WorkerStats) -> None:
        deadline = time.monotonic() + self.max_seconds
        dsn = with_session(self.dsn, TRAFFIC_APP)
        with psycopg.connect(dsn, autocommit=True) as conn:
            while not self._stop.is_set() and stats.requests < self.max_requests and time.monotonic() < deadline:
                text = texts[stats.requests % len(texts)]
                started = time.perf_counter()
                try:
                    conn.execute(text, {"user_id": users[stats.requests % len(users)]})
                except psycopg.Error as error:
                    stats.errors.append(str(error).strip().splitlines()[0])
                stats.slowest = max(stats.slowest, time.perf_counter() - started)
                stats.requests += 1
                self._stop.wait(PAUSE_SECONDS)
