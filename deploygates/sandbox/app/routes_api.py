"""The API a signed-in user calls: dashboards, and the detail pages their links point to.

The previous release serves the sponsor dashboard; the organizational release serves the coach
dashboard and the organization page behind their feature flags. Every query runs under RLS as
the caller, so the app shows only what the database lets that user see.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from deploygates.release import COACH_DASHBOARD, FLAGS, ORGANIZATION, SPONSOR_DASHBOARD
from deploygates.sandbox.app.context import claims, context, error, unauthorized

_, COACH, MODEL = FLAGS
NOT_SERVED = {"error": "not_found", "message": "this release does not serve this page"}


def not_served() -> JSONResponse:
    return JSONResponse(NOT_SERVED, status_code=404)


def organizational(request: Request, flag: str) -> bool:
    platform = context(request).platform()
    return platform.organizational_release and platform.flag(flag)


async def practitioner_dashboard(request: Request) -> JSONResponse:
    user = claims(request)
    if user is None:
        return unauthorized()
    app = context(request)
    dashboard: dict[str, Any] | None = await app.db.user_value(user, "practitioner_dashboard")
    if dashboard is None:
        return error(404, "no_profile", message="the signed-in user has no profile")
    source = "practitioner_coaches" if organizational(request, MODEL) else "practitioner_sponsors"
    dashboard["supervisors"] = await app.db.user_value(user, source)
    for virtue in dashboard["virtues"] or []:
        virtue["href"] = f"/api/virtues/{virtue['id']}"
    latest = dashboard["latest_journal_entry"]
    if latest:
        latest["href"] = f"/api/practitioner/journal/{latest['id']}"
    if "practitioner_field_changed" in app.knobs().defects:
        dashboard["completed_stages"] += 1
    return JSONResponse(dashboard)


async def sponsor_dashboard(request: Request) -> JSONResponse:
    if context(request).platform().organizational_release:
        return not_served()
    user = claims(request)
    if user is None:
        return unauthorized()
    row = await context(request).db.user_row(user, "sponsor_dashboard")
    assert row is not None
    allowed, practitioners = row
    if not allowed:
        return error(403, "forbidden", message="the sponsor dashboard is for sponsors")
    for practitioner in practitioners:
        practitioner["href"] = f"/api/sponsor/practitioners/{practitioner['id']}"
    return JSONResponse({"practitioners": practitioners, "links": {"self": SPONSOR_DASHBOARD}})


async def coach_dashboard(request: Request) -> JSONResponse:
    if not organizational(request, COACH):
        return not_served()
    user = claims(request)
    if user is None:
        return unauthorized()
    defects = context(request).knobs().defects
    row = await context(request).db.user_row(user, "coach_dashboard")
    assert row is not None
    allowed, practitioners = row
    if not allowed and "coach_role_unchecked" not in defects:
        return error(403, "forbidden", message="the coach dashboard is for coaches")
    if "coach_hides_last_practitioner" in defects:
        practitioners = practitioners[:-1]
    path = "/api/coach/practitioner/" if "coach_link_broken" in defects else "/api/coach/practitioners/"
    for practitioner in practitioners:
        practitioner["href"] = path + practitioner["id"]
    links = {"self": COACH_DASHBOARD}
    if organizational(request, MODEL):  # no link to a page that is switched off
        links["organization"] = ORGANIZATION
    return JSONResponse({"practitioners": practitioners, "links": links})


async def supervised_practitioner(request: Request, link_query: str) -> JSONResponse:
    user = claims(request)
    if user is None:
        return unauthorized()
    practitioner = request.path_params["practitioner"]
    db = context(request).db
    if not await db.user_value(user, link_query, {"practitioner": practitioner}):
        return error(404, "not_found", message="no such practitioner among yours")
    return JSONResponse(await db.user_value(user, "supervised_practitioner", {"practitioner": practitioner}))


async def coach_practitioner(request: Request) -> JSONResponse:
    if not organizational(request, COACH):
        return not_served()
    return await supervised_practitioner(request, "coach_link")


async def sponsor_practitioner(request: Request) -> JSONResponse:
    if context(request).platform().organizational_release:
        return not_served()
    return await supervised_practitioner(request, "sponsor_link")


async def organization(request: Request) -> JSONResponse:
    if not organizational(request, MODEL):
        return not_served()
    user = claims(request)
    if user is None:
        return unauthorized()
    found = await context(request).db.user_value(user, "organization")
    return JSONResponse(found) if found else error(404, "not_found", message="no organization visible")


async def by_id(request: Request, name: str, param: str) -> JSONResponse:
    user = claims(request)
    if user is None:
        return unauthorized()
    found = await context(request).db.user_value(user, name, {param: request.path_params[param]})
    return JSONResponse(found) if found else error(404, "not_found")


async def virtue(request: Request) -> JSONResponse:
    return await by_id(request, "virtue", "virtue")


async def journal_entry(request: Request) -> JSONResponse:
    return await by_id(request, "journal_entry", "entry")
