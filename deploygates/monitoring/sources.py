"""The metric sources behind one interface: `begin()` before the window, `end()` after it, answering
a Measurement per metric. The probe is also the window's traffic (`traffic()`), so the app's
counters, Prometheus, pg_stat_statements and the database CPU have something to measure on the
sandbox; on a real target it adds a little to the users' traffic. PROVIDES lists each source's
metrics; a row's `metric` must be one of its source's (checked at start-up).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from deploygates.manifest.checkpoints import Checkpoint, Settings
from deploygates.monitoring import app_metrics, business, logs, probe, prometheus_api
from deploygates.monitoring.business import Clock
from deploygates.monitoring.database import OrganizationQueries, connection_failures, connection_use
from deploygates.monitoring.database_cpu import LocalCpu
from deploygates.monitoring.measure import Measurement, unavailable
from deploygates.monitoring.prometheus_server import RunningPrometheus
from deploygates.release import SIGNIN

PROVIDES = {
    "probe": ("signin_failure_ratio", "latency_p95_seconds", "availability_ratio"),
    "app_metrics": app_metrics.METRICS,
    "prometheus": (),  # any metric with a [monitoring.promql.<metric>] query
    "database": ("connection_failures", "connection_use_ratio", "organization_query_mean_ms"),
    "database_cpu": ("database_cpu_ratio",),
    "business": ("engagement_ratio", "support_ticket_ratio"),
    "logs": ("critical_log_lines",),
}
TRAFFIC_FOR = ("probe", "app_metrics", "prometheus", "database", "database_cpu")


class Source(Protocol):
    def begin(self) -> None: ...

    def end(self) -> dict[str, Measurement]: ...


@dataclass
class Broken:
    """A source that could not be set up: every metric it would give is unavailable, with the reason."""

    name: str
    problem: str
    blocked_by: str = ""  # the gate whose failure this is (the root cause)
    verdict: str = ""  # what that failure states for the night, if it does
    metrics: tuple[str, ...] = ()  # those the rows read, beyond the source's own (a PromQL row's metric)

    def begin(self) -> None:
        pass

    def end(self) -> dict[str, Measurement]:
        return {metric: unavailable(self.name, self.problem, self.blocked_by, self.verdict)
                for metric in (*PROVIDES[self.name], *self.metrics)}


@dataclass
class Probe:
    url: str
    plan: probe.ProbePlan
    run: probe.ProbeRun | None = None

    def begin(self) -> None:
        self.run = None

    def traffic(self) -> None:
        self.run = probe.run_probe(self.url, self.plan)

    def end(self) -> dict[str, Measurement]:
        if self.run is None:
            return Broken("probe", "the probe did not run").end()
        return probe.measurements(self.run, [SIGNIN, *self.plan.pages])


@dataclass
class AppMetrics:
    url: str
    before: app_metrics.Scrape | str = ""

    def scrape(self) -> app_metrics.Scrape | str:
        try:
            return app_metrics.scrape(self.url)
        except app_metrics.ScrapeError as error:
            return str(error)

    def begin(self) -> None:
        self.before = self.scrape()

    def end(self) -> dict[str, Measurement]:
        return app_metrics.measurements(self.url, self.before, self.scrape())


@dataclass
class Prometheus:
    url: str | None
    settings: Settings
    windows: dict[str, str]  # metric → the window of the row that reads it
    own: RunningPrometheus | None = None  # the sandbox's: wait for a scrape after the traffic
    started: float = 0.0

    def begin(self) -> None:
        self.started = time.time()

    def end(self) -> dict[str, Measurement]:
        if self.own is not None:
            self.own.wait_for_scrape_after(time.time())
        return {metric: prometheus_api.measure(self.url, metric, self.settings.promql.get(metric), window)
                for metric, window in self.windows.items()}


@dataclass
class Database:
    dsn: str = field(repr=False)
    settings: Settings
    queries: OrganizationQueries = field(init=False)

    def __post_init__(self) -> None:
        self.queries = OrganizationQueries(self.dsn, self.settings.organization_query_pattern)

    def begin(self) -> None:
        self.queries.begin()

    def end(self) -> dict[str, Measurement]:
        return {"connection_failures": connection_failures(self.dsn, self.settings.connection_attempts),
                "connection_use_ratio": connection_use(self.dsn),
                "organization_query_mean_ms": self.queries.end()}


@dataclass
class DatabaseCpu:
    local: LocalCpu | None
    prometheus: Prometheus | None

    def begin(self) -> None:
        if self.local is not None:
            self.local.begin()

    def end(self) -> dict[str, Measurement]:
        if self.prometheus is not None:
            return self.prometheus.end()
        assert self.local is not None
        return {"database_cpu_ratio": self.local.end()}


@dataclass
class Business:
    dsn: str = field(repr=False)
    rows: list[Checkpoint]
    clock: Callable[[], Clock]

    def begin(self) -> None:
        pass

    def end(self) -> dict[str, Measurement]:
        clock = self.clock()
        measure = {"engagement_ratio": business.engagement, "support_ticket_ratio": business.support_tickets}
        return {row.metric: measure[row.metric](self.dsn, row, clock) for row in self.rows}


@dataclass
class Logs:
    read_platform: Callable[[int], list[str] | str]
    app_logs: list[Path]
    settings: Settings

    def begin(self) -> None:
        pass

    def end(self) -> dict[str, Measurement]:
        lines = self.settings.log_tail_lines
        return {"critical_log_lines": logs.measure(self.read_platform(lines), self.app_logs, lines,
                                                   self.settings.critical_log_pattern)}
