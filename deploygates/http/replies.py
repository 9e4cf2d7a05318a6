"""Is this reply the API's? Every reply of an /api route is a JSON object, and a success carries the keys
its callers read (release.REPLY_KEYS). A reply that is not (an HTML page from a proxy or a login wall, the
same JSON to every route, a bare status) proves nothing about the fact a gate checks: the gate is
INCONCLUSIVE with the reason, never a pass and never a trigger."""

from __future__ import annotations

import json

from deploygates.release import API_PREFIX, REPLY_KEYS, SIGNIN
from deploygates.secrets import redact

SHOWN = 120
NOT_FOUND = 404


def problem(method: str, path: str, status: int, content_type: str, body: bytes) -> str:
    """Why the reply is not what the endpoint returns, or "" when it is (or the path is not the API's)."""
    if not path.startswith(API_PREFIX) or status == NOT_FOUND:
        return ""  # a 404 is the app's own word for a route it does not serve (a broken link): the gate judges it
    where = f"{method} {path} answered {status}"
    shown = redact(body[:SHOWN].decode("utf-8", "replace")).strip()
    if "json" not in content_type.lower():
        return f"{where} with {content_type or 'no content type'}, not the API's JSON ({shown!r}): is APP_URL the API?"
    try:
        document = json.loads(body)
    except ValueError:
        return f"{where} with a body that is not JSON ({shown!r})"
    if not isinstance(document, dict):
        return f"{where} with JSON that is not an object ({shown!r})"
    missing = [key for key in REPLY_KEYS.get(path, ()) if key not in document] if status == 200 else []
    if missing:
        return f"{where} without {', '.join(missing)}: not this endpoint's reply ({shown!r})"
    if path == SIGNIN and status == 200 and str(document.get("token_type", "")).lower() != "bearer":
        return f"{where} with token_type {document.get('token_type')!r}, not a bearer token"
    return ""

