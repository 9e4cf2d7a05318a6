"""What the app shows the sampled users, captured once before the window and again after it."""

from __future__ import annotations

from typing import Any

import httpx

from deploygates import resources
from deploygates.errors import fail
from deploygates.http.accounts import Account, Accounts
from deploygates.http.client import TokenBook, call, describe, practitioner_ids
from deploygates.postgres.connections import connect
from deploygates.release import PRACTITIONER_DASHBOARD, SPONSOR_DASHBOARD

COACH_PRACTITIONERS_SQL = resources.SQL_DIR / "smoke" / "coach_practitioners.sql"


class CaptureError(Exception):
    """A page could not be captured; the message shows the response."""


def page(client: httpx.Client, tokens: TokenBook, account: Account, path: str) -> Any:
    response = call(client, "GET", path, tokens(account))
    if response.status_code != 200:
        raise CaptureError(f"{account}: {describe(response)}")
    return response.json()


def capture_dashboards(client: httpx.Client, tokens: TokenBook, accounts: Accounts) -> dict[str, Any]:
    """Each sampled practitioner's dashboard, and the practitioners on each sampled sponsor's dashboard."""
    return {
        "practitioners": {a.email: page(client, tokens, a, PRACTITIONER_DASHBOARD) for a in accounts.practitioners},
        "sponsors": {a.email: practitioner_ids(page(client, tokens, a, SPONSOR_DASHBOARD)) for a in accounts.coaches},
    }


def differences(before: Any, after: Any, where: str = "") -> list[str]:
    """Paths at which two JSON documents differ, with both values."""
    if isinstance(before, dict) and isinstance(after, dict):
        lines: list[str] = []
        for key in sorted(before.keys() | after.keys()):
            if key not in after:
                lines.append(f"- {where}.{key}: {before[key]!r} (gone)")
            elif key not in before:
                lines.append(f"+ {where}.{key}: {after[key]!r} (new)")
            else:
                lines += differences(before[key], after[key], f"{where}.{key}")
        return lines
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        return [line for i, (b, a) in enumerate(zip(before, after, strict=True))
                for line in differences(b, a, f"{where}[{i}]")]
    return [] if before == after else [f"~ {where or '.'}: {before!r} -> {after!r}"]


def json_page(client: httpx.Client, token: str | None, path: str) -> Any:
    """A page that must answer 200 with JSON; anything else fails the gate with the response."""
    response = call(client, "GET", path, token)
    if response.status_code != 200:
        fail(describe(response))
    return response.json()


def sponsored_practitioners(dsn: str, email: str) -> list[str]:
    """What the database says a former sponsor's dashboard must list (active sponsor_connections)."""
    with connect(dsn) as conn:
        return [row[0] for row in conn.execute(COACH_PRACTITIONERS_SQL.read_text(), {"email": email}).fetchall()]
