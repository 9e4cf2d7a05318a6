"""The active probe: the suite's own sign-ins and dashboard calls against the app under test.

Async httpx with bounded concurrency. First N sign-ins (distinct sandbox users, or the real target's
test accounts in turn), then M authorised calls per dashboard route with the tokens obtained. Every
call is timed, whatever it answered; a call that got no answer has status 0.
"""

from __future__ import annotations

import asyncio
import itertools
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass

import httpx

from deploygates.http import replies
from deploygates.http.accounts import Account
from deploygates.monitoring.measure import Measurement, unavailable
from deploygates.release import COACH_DASHBOARD, ORGANIZATION, PRACTITIONER_DASHBOARD, SIGNIN


@dataclass(frozen=True)
class ProbePlan:
    signins: tuple[Account, ...]  # one sign-in each
    pages: dict[str, tuple[Account, ...]]  # route → accounts that may open it (the first that signed in do)
    calls_per_route: int
    concurrency: int  # dashboard calls in flight at once
    signin_concurrency: int  # sign-ins in flight at once (bcrypt: CPU-bound on the server)
    timeout: float


@dataclass(frozen=True)
class Call:
    route: str
    status: int  # 0: no answer (refused, timed out)
    seconds: float
    problem: str = ""  # the reply is not the API's (replies.py): the probe measured something else


@dataclass(frozen=True)
class ProbeRun:
    url: str
    calls: tuple[Call, ...]
    seconds: float

    def of(self, route: str) -> list[Call]:
        return [c for c in self.calls if c.route == route]

    def routes(self) -> list[str]:
        return list(dict.fromkeys(c.route for c in self.calls))


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..1) of a non-empty sequence."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


async def _call(client: httpx.AsyncClient, gate: asyncio.Semaphore, route: str, method: str, path: str,
                **kwargs: object) -> tuple[Call, httpx.Response | None]:
    async with gate:
        started = time.perf_counter()
        try:
            response = await client.request(method, path, **kwargs)  # type: ignore[arg-type]
        except httpx.HTTPError:
            return Call(route, 0, time.perf_counter() - started), None
        wrong = replies.problem(method, route, response.status_code, response.headers.get("content-type", ""),
                                response.content)
        return Call(route, response.status_code, time.perf_counter() - started, wrong), response


async def _probe(url: str, plan: ProbePlan) -> list[Call]:
    gate, signin_gate = asyncio.Semaphore(plan.concurrency), asyncio.Semaphore(plan.signin_concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=plan.timeout) as client:
        signed = await asyncio.gather(*(
            _call(client, signin_gate, SIGNIN, "POST", SIGNIN, json={"email": a.email, "password": a.password})
            for a in plan.signins))
        tokens: dict[str, str] = {}
        for account, (signin, response) in zip(plan.signins, signed, strict=True):
            if response is not None and response.status_code == 200 and not signin.problem:
                tokens.setdefault(account.email, str(response.json().get("access_token", "")))
        pages = []
        for route, candidates in plan.pages.items():
            usable = [tokens[a.email] for a in candidates if a.email in tokens]
            for token in itertools.islice(itertools.cycle(usable), plan.calls_per_route if usable else 0):
                pages.append(_call(client, gate, route, "GET", route, headers={"Authorization": f"Bearer {token}"}))
        paged = await asyncio.gather(*pages)
    return [call for call, _ in (*signed, *paged)]


def warm_up(url: str) -> None:
    """One unauthenticated request per probed route, so the app's per-route series exist before a scraper
    first looks (a series born between two scrapes hides its first increments from rate())."""
    with httpx.Client(base_url=url, timeout=10) as client:
        routes = (("POST", SIGNIN), ("GET", PRACTITIONER_DASHBOARD), ("GET", COACH_DASHBOARD), ("GET", ORGANIZATION))
        for method, route in routes:
            try:
                client.request(method, route, json={} if method == "POST" else None)
            except httpx.HTTPError:
                return


def run_probe(url: str, plan: ProbePlan) -> ProbeRun:
    started = time.perf_counter()
    calls = asyncio.run(_probe(url, plan))
    return ProbeRun(url, tuple(calls), time.perf_counter() - started)


def measurements(run: ProbeRun, expected_routes: Sequence[str]) -> dict[str, Measurement]:
    """Sign-in failure ratio, the worst route's p95 latency, and availability (answers that are not 5xx)."""
    where = f"probe of {run.url}: {len(run.calls)} calls in {run.seconds:.1f} s"
    wrong = [call.problem for call in run.calls if call.problem]
    if wrong:
        return {metric: unavailable(where, f"{len(wrong)} replies are not the API's, e.g. {wrong[0]}")
                for metric in ("signin_failure_ratio", "latency_p95_seconds", "availability_ratio")}
    signins = [c for c in run.of(SIGNIN) if c.status]  # a sign-in that got no answer was not refused
    unanswered = len(run.of(SIGNIN)) - len(signins)
    failed = sum(c.status != 200 for c in signins)
    routes = {route: [c.seconds for c in run.of(route)] for route in expected_routes}
    detail = "; ".join(
        f"{route} n={len(t)}" + (f" p50 {percentile(t, .5):.3f} s, p95 {percentile(t, .95):.3f} s, "
                                 f"p99 {percentile(t, .99):.3f} s" if t else "")
        for route, t in routes.items())
    p95 = {route: percentile(t, 0.95) for route, t in routes.items() if t}
    worst = max(p95, key=lambda r: p95[r]) if p95 else None
    served = [c for c in run.calls if 0 < c.status < 500]
    return {
        "signin_failure_ratio": Measurement(
            failed / len(signins) if signins else None, len(signins), where,
            "" if signins else f"no sign-in got an answer ({unanswered} sent)" if unanswered
            else "no sign-in was attempted",
            f"{failed} of {len(signins)} answered sign-ins with a correct password refused"
            + (f"; {unanswered} got no answer" if unanswered else "")),
        "latency_p95_seconds": Measurement(
            p95[worst] if worst else None, min(len(t) for t in routes.values()) if routes else 0, where,
            "" if worst else "no call was made (no test account could sign in)",
            f"slowest route {worst}; {detail}", tuple((route, tuple(t)) for route, t in routes.items() if t)),
        "availability_ratio": Measurement(
            len(served) / len(run.calls) if run.calls else None, len(run.calls), where,
            "" if run.calls else "the probe made no call",
            f"{len(run.calls) - len(served)} of {len(run.calls)} calls got 5xx or no answer"),
    }
