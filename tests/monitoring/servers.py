"""Real servers for the sources' tests: a local PostgreSQL, the sandbox app over an empty database
(fault knobs: the practitioner dashboard answers 500, so requests have known statuses without data),
and a real Prometheus scraping that app. Imported by the test modules that use them."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from deploygates.manifest.phases import SandboxState
from deploygates.monitoring.prometheus_server import RunningPrometheus, start_prometheus
from deploygates.platform.simulated_steps import prepare_platform
from deploygates.postgres import Server, start_server
from deploygates.postgres.connections import create_database, drop_database, scratch_name
from deploygates.sandbox.process import start_app

BROKEN = "/api/practitioner/dashboard"  # answers 500 (knob)
REFUSED = "/api/coach/dashboard"  # answers 401 (no token)


@dataclass(frozen=True)
class App:
    url: str
    dsn: str


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Server]:
    server = start_server()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def app(pg_server: Server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    workdir = tmp_path_factory.mktemp("monitoring-app")
    name = scratch_name("monitoring_app")
    dsn = create_database(pg_server.admin_dsn, name)
    platform = workdir / "platform.json"
    prepare_platform(platform, SandboxState.MIGRATED)
    running = start_app(dsn, platform, json.dumps({"routes": {BROKEN: {"error_rate": 1.0}}}), workdir)
    yield App(running.url, dsn)
    running.stop()
    drop_database(pg_server.admin_dsn, name)


def traffic(url: str, each: int) -> None:
    with httpx.Client(base_url=url, timeout=10) as client:
        for _ in range(each):
            client.get(BROKEN)
            client.get(REFUSED)


@pytest.fixture(scope="session")
def prometheus(app: App, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningPrometheus]:
    """Prometheus scraping the app every second, after traffic it has seen begin and end."""
    running = start_prometheus(app.url, tmp_path_factory.mktemp("prometheus"))
    traffic(app.url, 1)  # the series exist before the counted traffic
    running.wait_for_scrape_after(0)
    traffic(app.url, 30)
    running.wait_for_scrape_after(time.time())
    yield running
    running.stop()
