"""The app's own /metrics (Prometheus text format, parsed by prometheus_client's parser): counter
deltas between two scrapes, one before and one after the window.

A counter that went down between the scrapes means the scrapes reached different replicas (a
Service in front of several pods) or the app restarted: the deltas mean nothing, so the source
answers with that problem instead of a number. Use the Prometheus source for a replicated app.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx
from prometheus_client.parser import text_string_to_metric_families

from deploygates.monitoring.measure import Measurement, unavailable
from deploygates.release import NOT_USER_TRAFFIC
from deploygates.secrets import redact

Labels = frozenset[tuple[str, str]]
REQUESTS = "virtue_http_requests_total"
SIGNINS = "virtue_signin_attempts_total"


class ScrapeError(Exception):
    """/metrics could not be read or parsed; the message says why."""


@dataclass(frozen=True)
class Scrape:
    at: float
    samples: dict[tuple[str, Labels], float]


def parse(text: str, at: float = 0.0) -> Scrape:
    try:
        samples = {(s.name, frozenset(s.labels.items())): float(s.value)
                   for family in text_string_to_metric_families(text) for s in family.samples}
    except ValueError as error:
        raise ScrapeError(f"not Prometheus text format: {error}") from None
    return Scrape(at, samples)


def scrape(url: str, timeout: float = 10) -> Scrape:
    try:
        response = httpx.get(url, timeout=timeout)
    except httpx.HTTPError as error:
        raise ScrapeError(f"GET {url} got no answer ({error})") from None
    if response.status_code != 200:
        raise ScrapeError(f"GET {url} answered {response.status_code}: {redact(response.text[:200]).strip()}")
    return parse(response.text, time.time())


def delta(before: Scrape, after: Scrape, name: str, match: Callable[[dict[str, str]], bool]) -> float:
    """Increase of every series of `name` whose labels match; a series new in `after` counts from 0."""
    total = 0.0
    for (sample, labels), value in after.samples.items():
        if sample != name or not match(dict(labels)):
            continue
        previous = before.samples.get((sample, labels), 0.0)
        if value < previous:
            raise ScrapeError(f"{name}{dict(labels)} went down from {previous:g} to {value:g} between the scrapes "
                              "(different replicas answered, or the app restarted)")
        total += value - previous
    return total


def measurements(url: str, before: Scrape | str, after: Scrape | str) -> dict[str, Measurement]:
    """5xx share of the requests and refused share of the sign-ins, between two scrapes (or why not)."""
    if isinstance(before, str) or isinstance(after, str):
        problem = before if isinstance(before, str) else str(after)
        return {metric: unavailable(f"app metrics {url}", problem) for metric in METRICS}
    where = f"app metrics {url}: counter deltas over {after.at - before.at:.1f} s"
    try:
        requests = delta(before, after, REQUESTS, lambda labels: labels.get("route") not in NOT_USER_TRAFFIC)
        errors = delta(before, after, REQUESTS, lambda labels: labels.get("route") not in NOT_USER_TRAFFIC
                       and labels.get("status", "")[:1] == "5")
        signins = delta(before, after, SIGNINS, lambda labels: True)
        refused = delta(before, after, SIGNINS, lambda labels: labels.get("outcome") == "failure")
    except ScrapeError as error:
        return {metric: unavailable(where, str(error)) for metric in METRICS}
    return {
        "http_error_ratio": Measurement(errors / requests if requests else 0.0, int(requests), where,
                                        detail=f"{errors:g} of {requests:g} requests answered 5xx"),
        "signin_failure_ratio": Measurement(refused / signins if signins else 0.0, int(signins), where,
                                            detail=f"{refused:g} of {signins:g} sign-ins refused"),
    }


METRICS = ("http_error_ratio", "signin_failure_ratio")
