"""The Prometheus HTTP API: one instant PromQL query per metric (thresholds.toml [monitoring.promql]).

A query must answer one series with a number. An empty result (nothing scraped, a label that does
not match), several series, NaN, an error or no answer is a problem the gate reports, never a pass.
"""

from __future__ import annotations

import math
import time

import httpx

from deploygates.manifest.checkpoints import PromQuery
from deploygates.monitoring.measure import Measurement, unavailable
from deploygates.secrets import redact


class PromQLError(Exception):
    """The query could not be answered with one number; the message says why and what to check."""


def instant(url: str, query: str, timeout: float = 10) -> float:
    """The single value of an instant query."""
    try:
        response = httpx.get(f"{url.rstrip('/')}/api/v1/query", params={"query": query, "time": f"{time.time():.3f}"},
                             timeout=timeout)
    except httpx.HTTPError as error:
        raise PromQLError(f"Prometheus at {url} did not answer ({error})") from None
    try:
        body = response.json()
    except ValueError:
        raise PromQLError(f"Prometheus at {url} answered {response.status_code} without JSON: "
                          f"{redact(response.text[:200])}") from None
    if body.get("status") != "success":
        raise PromQLError(f"Prometheus refused `{query}`: {body.get('errorType')}: {body.get('error')}")
    data = body.get("data", {})
    result = data.get("result")
    if data.get("resultType") == "scalar" and isinstance(result, list):
        result = [{"value": result}]
    if not isinstance(result, list) or not result:
        raise PromQLError(f"Prometheus answered an empty result for `{query}`: no series matched; check that it "
                          "scrapes virtue-app and that the query's metric and label names (job, route) match")
    if len(result) > 1:
        raise PromQLError(f"`{query}` answered {len(result)} series; aggregate it to one (sum, max, avg)")
    value = float(result[0]["value"][1])
    if math.isnan(value) or math.isinf(value):
        raise PromQLError(f"`{query}` answered {value}: no data in the window (no requests, or a division by zero)")
    return value


def measure(url: str | None, metric: str, query: PromQuery | None, window: str, timeout: float = 10) -> Measurement:
    """The metric's value (and its sample count, when a samples query is configured)."""
    where = f"Prometheus {url}" if url else "Prometheus"
    if query is None:
        return unavailable(where, f"no PromQL for {metric}: add [monitoring.promql.{metric}] to thresholds.toml")
    if url is None:
        return unavailable(where, "no Prometheus to ask: give --prometheus-url URL (or <TARGET>_PROMETHEUS_URL)")
    value_query = query.value.replace("$window", window)
    try:
        value = instant(url, value_query, timeout)
        samples = round(instant(url, query.samples.replace("$window", window), timeout)) if query.samples else 1
    except PromQLError as error:
        return unavailable(where, str(error))
    return Measurement(value, samples, f"{where}: {value_query}")
