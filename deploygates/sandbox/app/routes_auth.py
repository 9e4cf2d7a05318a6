"""Sign-in: the password checked against auth.users' bcrypt hash, a signed bearer token returned."""

from __future__ import annotations

import secrets

import bcrypt
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse

from deploygates.sandbox.app.context import context, error

# Checked against when the e-mail is unknown, so that timing does not tell which e-mails exist.
_DECOY = bcrypt.hashpw(secrets.token_bytes(16), bcrypt.gensalt(10))


def password_matches(password: str, hashed: bytes) -> bool:
    try:
        return bcrypt.checkpw(password.encode(), hashed)
    except ValueError:  # no usable hash, or a password longer than bcrypt's 72 bytes
        return False


async def credentials(request: Request) -> tuple[str, str] | None:
    try:
        body = await request.json()
    except ValueError:
        return None
    email, password = (body.get(key) if isinstance(body, dict) else None for key in ("email", "password"))
    return (email, password) if isinstance(email, str) and isinstance(password, str) else None


async def signin(request: Request) -> JSONResponse:
    app = context(request)
    given = await credentials(request)
    if given is None:
        return error(400, "invalid_request", message='expected JSON {"email": ..., "password": ...}')
    email, password = given
    user = await app.db.service_row("signin_lookup", {"email": email})
    hashed = str(user["encrypted_password"] or "").encode() if user else _DECOY
    matches = await run_in_threadpool(password_matches, password, hashed)
    accepted = bool(user and matches and user["confirmed"] and not user["blocked"])
    accepted = accepted and not app.knobs().refuses_signin(email)
    app.metrics.signin(accepted)
    if not accepted or user is None:
        return error(401, "invalid_credentials", message="wrong e-mail or password")
    token = app.signer.issue(user["id"], user["email"])
    return JSONResponse({
        "access_token": token, "token_type": "bearer", "expires_in": app.signer.ttl,
        "user": {"id": user["id"], "email": user["email"]},
    })
