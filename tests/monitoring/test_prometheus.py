"""The Prometheus HTTP API source against a real Prometheus (Debian's package) scraping the sandbox app."""

import httpx
import pytest

from deploygates.manifest.checkpoints import PromQuery, parse_settings
from deploygates.manifest.thresholds import THRESHOLDS_FILE, read_toml
from deploygates.monitoring.prometheus_api import measure
from deploygates.monitoring.prometheus_server import RunningPrometheus, start_prometheus
from deploygates.processes import free_port
from tests.monitoring.servers import App, app, pg_server, prometheus

__all__ = ["app", "pg_server", "prometheus"]  # fixtures
PROMQL = parse_settings(read_toml(THRESHOLDS_FILE), "t").promql
ERROR_RATIO = PromQuery(
    'sum(increase(virtue_http_requests_total{job="virtue-app",status=~"5.."}[$window])) / '
    'sum(increase(virtue_http_requests_total{job="virtue-app",route=~"/api/.*"}[$window]))',
    'sum(increase(virtue_http_requests_total{job="virtue-app",route=~"/api/.*"}[$window]))')


def test_the_configured_latency_query_answers_with_its_sample_count(prometheus: RunningPrometheus) -> None:
    found = measure(prometheus.url, "latency_p95_seconds", PROMQL["latency_p95_seconds"], "5m")
    assert found.problem == ""
    assert found.value is not None
    assert 0 < found.value < 1
    assert found.samples >= 50


def test_an_error_ratio_query_sees_the_apps_500s(prometheus: RunningPrometheus) -> None:
    found = measure(prometheus.url, "http_error_ratio", ERROR_RATIO, "5m")
    assert found.value == pytest.approx(0.5, abs=0.1), found


def test_an_empty_result_is_a_problem_not_a_number(prometheus: RunningPrometheus) -> None:
    found = measure(prometheus.url, "m", PromQuery('max(up{job="virtue-web"})'), "5m")
    assert found.value is None
    assert "empty result" in found.problem


def test_several_series_are_a_problem(prometheus: RunningPrometheus) -> None:
    found = measure(prometheus.url, "m", PromQuery("virtue_http_requests_total"), "5m")
    assert "aggregate it to one" in found.problem


def test_a_query_error_is_a_problem(prometheus: RunningPrometheus) -> None:
    assert "bad_data" in measure(prometheus.url, "m", PromQuery("sum(("), "5m").problem


def test_an_unreachable_prometheus_is_a_problem() -> None:
    found = measure(f"http://127.0.0.1:{free_port()}", "m", PromQuery("up"), "5m")
    assert "did not answer" in found.problem


def test_prometheus_stops_cleanly(app: App, tmp_path_factory: pytest.TempPathFactory) -> None:
    running = start_prometheus(app.url, tmp_path_factory.mktemp("prometheus-stop"))
    running.stop()
    assert running.process.returncode == 0
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{running.url}/-/ready", timeout=2)
