"""The ASGI app: routes, the platform/knob gate in front of them, metrics, and serving on a socket."""

from __future__ import annotations

import asyncio
import socket
import sys
import time
import traceback
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import psycopg
import uvicorn
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Match, Route

from deploygates.release import (
    COACH_DASHBOARD,
    HEALTH,
    METRICS,
    NOT_USER_TRAFFIC,
    ORGANIZATION,
    PRACTITIONER_DASHBOARD,
    SIGNIN,
    SPONSOR_DASHBOARD,
)
from deploygates.sandbox.app import routes_api as api
from deploygates.sandbox.app.context import AppContext, context, error
from deploygates.sandbox.app.database import Database
from deploygates.sandbox.app.routes_auth import signin
from deploygates.sandbox.app.watched import WatchedJson

UNGATED = NOT_USER_TRAFFIC  # answer during maintenance, so operators can watch the window


async def healthz(request: Request) -> JSONResponse:
    app = context(request)
    platform = app.platform()
    try:
        await app.db.service_row("health", {})
    except psycopg.Error:
        return error(503, "database_unreachable")
    return JSONResponse({"status": "ok", "image": platform.image, "maintenance": platform.maintenance})


async def metrics(request: Request) -> Response:
    app = context(request)
    if app.knobs().metrics_down:
        return PlainTextResponse("metrics unavailable\n", status_code=503)
    return PlainTextResponse(app.metrics.render(), media_type="text/plain; version=0.0.4")


ROUTES = [
    Route(HEALTH, healthz),
    Route(METRICS, metrics),
    Route(SIGNIN, signin, methods=["POST"]),
    Route(PRACTITIONER_DASHBOARD, api.practitioner_dashboard),
    Route("/api/practitioner/journal/{entry:int}", api.journal_entry),
    Route("/api/virtues/{virtue:int}", api.virtue),
    Route(SPONSOR_DASHBOARD, api.sponsor_dashboard),
    Route("/api/sponsor/practitioners/{practitioner:uuid}", api.sponsor_practitioner),
    Route(COACH_DASHBOARD, api.coach_dashboard),
    Route("/api/coach/practitioners/{practitioner:uuid}", api.coach_practitioner),
    Route(ORGANIZATION, api.organization),
]


def route_of(request: Request) -> str:
    """The matched route's template (bounded metric labels), or "unmatched"."""
    for route in ROUTES:
        if route.matches(request.scope)[0] is Match.FULL:
            return route.path
    return "unmatched"


def impostor_reply(defects: frozenset[str], route: str) -> Response | None:
    """What answers instead of the app when a knob says so (the probe and smoke gates must not take it for
    the API); /metrics and /healthz stay the app's, so the other sources still measure."""
    if route in UNGATED:
        return None
    if "same_json_everywhere" in defects:
        return JSONResponse({"ok": True, "access_token": "x"})
    if "login_wall_html" in defects:
        return HTMLResponse("<html><body><h1>Sign in</h1><form>...</form></body></html>", status_code=401)
    return None


async def gate(request: Request, call_next: RequestResponseEndpoint, route: str) -> Response:
    app = context(request)
    platform = app.platform()
    if not platform.serving:
        return error(503, "unavailable", message="virtue-app has no running replica")
    if platform.maintenance and route not in UNGATED:
        return error(503, "maintenance", message="virtue-app is in maintenance mode")
    knobs = app.knobs()
    impostor = impostor_reply(knobs.defects, route)
    if impostor is not None:
        return impostor
    delay = knobs.latency_for(route)
    if delay > 0:
        await asyncio.sleep(delay)
    if route.startswith("/api/") and app.spreader.should_fail(route, knobs.error_rate_for(route)):
        return error(500, "internal_error", message="injected fault")
    return await call_next(request)


async def observed(request: Request, call_next: RequestResponseEndpoint) -> Response:
    started, route = time.perf_counter(), route_of(request)
    try:
        response = await gate(request, call_next, route)
    except Exception:  # a handler bug answers 500 like production, and leaves its traceback in the log
        traceback.print_exc(file=sys.stderr)
        response = error(500, "internal_error")
    context(request).metrics.observe(route, request.method, response.status_code, time.perf_counter() - started)
    return response


def create_app(
    database_url: str, platform_state: Path, knobs: str | None = None,
    on_ready: Callable[[], None] | None = None,
) -> Starlette:
    shared = AppContext(Database(database_url), WatchedJson(platform_state), knobs)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await shared.db.open()
        if on_ready is not None:
            await asyncio.to_thread(on_ready)
        yield
        await shared.db.close()

    app = Starlette(routes=ROUTES, middleware=[Middleware(BaseHTTPMiddleware, dispatch=observed)], lifespan=lifespan)
    app.state.context = shared
    return app


def bind(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    return sock


def serve(app: Starlette, sock: socket.socket) -> None:
    """Serve until SIGINT or SIGTERM; uvicorn then finishes requests in flight and runs the shutdown."""
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on", timeout_graceful_shutdown=5)
    uvicorn.Server(config).run(sockets=[sock])
