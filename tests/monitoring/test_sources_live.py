"""The sources against real servers: the app's /metrics, the database's backends' CPU, connections."""

import psycopg
import pytest

from deploygates.monitoring import sources
from deploygates.monitoring.database import connection_failures, connection_use
from deploygates.monitoring.database_cpu import LocalCpu
from deploygates.postgres import Server
from tests.monitoring.servers import App, app, pg_server, traffic

__all__ = ["app", "pg_server"]  # fixtures


def test_app_metrics_deltas_count_the_window_only(app: App) -> None:
    source = sources.AppMetrics(app.url + "/metrics")
    traffic(app.url, 1)
    source.begin()
    traffic(app.url, 10)
    found = source.end()["http_error_ratio"]
    assert (found.value, found.samples) == (0.5, 20)


def test_app_metrics_of_an_unreachable_app_are_unavailable() -> None:
    source = sources.AppMetrics("http://127.0.0.1:9/metrics")
    source.begin()
    assert "got no answer" in source.end()["http_error_ratio"].problem


def test_database_cpu_of_a_busy_backend(app: App) -> None:
    cpu = LocalCpu(app.dsn)
    with psycopg.connect(app.dsn) as busy:
        cpu.begin()
        busy.execute("SELECT count(*) FROM generate_series(1, 3000000)")
        found = cpu.end()
    assert found.value is not None, found
    assert found.value > 0, found


def test_database_cpu_of_a_server_elsewhere_names_what_to_configure(monkeypatch: pytest.MonkeyPatch, app: App) -> None:
    monkeypatch.setattr("deploygates.monitoring.database_cpu.Path.resolve", lambda self: self)
    cpu = LocalCpu(app.dsn)
    cpu.begin()
    assert "database_cpu_ratio" in str(cpu.end().problem)


def test_fresh_connections_to_a_healthy_database_all_succeed(app: App) -> None:
    assert connection_failures(app.dsn, 3).value == 0


def test_fresh_connections_to_a_refusing_database_all_fail(pg_server: Server) -> None:
    refused = pg_server.admin_dsn.replace("/postgres", "/no_such_database")
    found = connection_failures(refused, 3)
    assert (found.value, found.samples) == (3, 3), found.detail


def test_connection_use_is_a_share_of_max_connections(app: App) -> None:
    found = connection_use(app.dsn)
    assert found.value is not None, found
    assert 0 < found.value < 1, found.detail
