"""The sources' arithmetic, without a server: the probe's statistics, /metrics deltas, log matching."""

import pytest

from deploygates.manifest.checkpoints import parse_settings
from deploygates.manifest.thresholds import THRESHOLDS_FILE, read_toml
from deploygates.monitoring import app_metrics, logs
from deploygates.monitoring.probe import SIGNIN, Call, ProbeRun, measurements, percentile

PATTERN = parse_settings(read_toml(THRESHOLDS_FILE), "t").critical_log_pattern
TEXT = """# TYPE virtue_http_requests_total counter
virtue_http_requests_total{{route="/api/a",method="GET",status="200"}} {ok}
virtue_http_requests_total{{route="/api/a",method="GET",status="500"}} {failed}
virtue_http_requests_total{{route="/metrics",method="GET",status="200"}} {scrapes}
# TYPE virtue_signin_attempts_total counter
virtue_signin_attempts_total{{outcome="success"}} 10
virtue_signin_attempts_total{{outcome="failure"}} 0
"""


def scrape(ok: int, failed: int, scrapes: int = 0) -> app_metrics.Scrape:
    return app_metrics.parse(TEXT.format(ok=ok, failed=failed, scrapes=scrapes))


def test_nearest_rank_percentiles() -> None:
    values = [float(n) for n in range(1, 101)]
    assert (percentile(values, 0.5), percentile(values, 0.95), percentile(values, 0.99)) == (50.0, 95.0, 99.0)


def test_probe_statistics() -> None:
    calls = [Call(SIGNIN, 200, 0.1)] * 94 + [Call(SIGNIN, 401, 0.1)] * 6 + [Call("/api/x", 500, 3.0)] * 20
    found = measurements(ProbeRun("http://app", tuple(calls), 1.0), [SIGNIN, "/api/x"])
    assert found["signin_failure_ratio"].value == pytest.approx(0.06)
    assert (found["latency_p95_seconds"].value, found["latency_p95_seconds"].samples) == (3.0, 20)
    assert found["availability_ratio"].value == pytest.approx(100 / 120)


def test_a_route_without_calls_leaves_latency_without_enough_samples() -> None:
    found = measurements(ProbeRun("http://app", (Call(SIGNIN, 200, 0.1),), 1.0), [SIGNIN, "/api/x"])
    assert found["latency_p95_seconds"].samples == 0


def test_error_ratio_is_the_delta_of_5xx_over_requests_without_scrapes() -> None:
    found = app_metrics.measurements("u", scrape(100, 0, 5), scrape(296, 4, 50))
    assert (found["http_error_ratio"].value, found["http_error_ratio"].samples) == (0.02, 200)


def test_a_counter_that_went_down_makes_the_deltas_unavailable() -> None:
    found = app_metrics.measurements("u", scrape(100, 0), scrape(50, 0))
    assert "went down" in found["http_error_ratio"].problem


def test_text_that_is_not_prometheus_format_is_refused() -> None:
    with pytest.raises(app_metrics.ScrapeError, match="not Prometheus text format"):
        app_metrics.parse('virtue_http_requests_total{route="/a" 1\n')


@pytest.mark.parametrize(("line", "critical"), [
    ("2025-01-01 ERROR GET /x -> 404 handled", False),
    ("FATAL: remaining connection slots are reserved", True),
    ("Traceback (most recent call last):", True),
    ("level=critical msg=pool exhausted", True),
])
def test_critical_log_lines(line: str, critical: bool) -> None:
    assert bool(logs.critical([line], PATTERN)) is critical


def test_an_unreadable_platform_log_is_no_data() -> None:
    assert logs.measure("403 Forbidden on pods/log", [], 100, PATTERN).problem
