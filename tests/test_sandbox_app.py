"""The sandbox app's building blocks: tokens, fault knobs, metrics, and the smoke helpers' link and diff logic."""

import itertools

import pytest

from deploygates.http.capture import differences
from deploygates.http.client import links
from deploygates.sandbox.app.knobs import ErrorSpreader, KnobError, load
from deploygates.sandbox.app.metrics import Metrics
from deploygates.sandbox.app.tokens import TokenSigner


def test_a_token_carries_its_user_until_it_expires() -> None:
    signer = TokenSigner(ttl_seconds=60)
    token = signer.issue("u-1", "a@example.org", now=1000)
    assert signer.verify(token, now=1059) == {"sub": "u-1", "email": "a@example.org", "role": "authenticated",
                                               "exp": 1060}
    assert signer.verify(token, now=1060) is None


def test_a_token_from_another_process_is_refused() -> None:
    assert TokenSigner().verify(TokenSigner().issue("u-1", "a@example.org")) is None


def test_unknown_knobs_are_refused() -> None:
    with pytest.raises(KnobError, match="latency"):
        load('{"latncy_ms": 5}')


def test_error_rate_fails_an_exact_evenly_spread_share() -> None:
    spreader = ErrorSpreader()
    failed = [n for n in range(1, 101) if spreader.should_fail("/api/x", 0.12)]
    assert len(failed) == 12
    assert max(b - a for a, b in itertools.pairwise(failed)) <= 9


def test_signin_failure_rate_refuses_about_that_share_of_users() -> None:
    knobs = load('{"signin_failure_rate": 0.1}')
    refused = sum(knobs.refuses_signin(f"user{i:06d}@sandbox.test") for i in range(2000))
    assert 150 < refused < 250


def test_metrics_render_prometheus_text() -> None:
    metrics = Metrics()
    metrics.observe("/api/x", "GET", 200, 0.03)
    metrics.signin(False)
    text = metrics.render()
    assert 'virtue_http_requests_total{route="/api/x",method="GET",status="200"} 1' in text
    assert 'virtue_http_request_duration_seconds_bucket{route="/api/x",le="0.05"} 1' in text
    assert 'virtue_signin_attempts_total{outcome="failure"} 1' in text


def test_links_are_every_href_and_links_value() -> None:
    page = {"a": [{"href": "/x"}, {"href": "/y"}], "links": {"self": "/z"}, "n": {"href": "/x"}}
    assert links(page) == ["/x", "/y", "/z"]


def test_differences_name_the_path_and_both_values() -> None:
    assert differences({"a": [{"b": 1}], "c": 2}, {"a": [{"b": 2}], "c": 2}) == ["~ .a[0].b: 1 -> 2"]
