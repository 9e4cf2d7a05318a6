"""What every handler shares: the database, the token signer, metrics, platform state and knobs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from deploygates.access.impersonation import claims_for
from deploygates.sandbox.app import knobs as knob_module
from deploygates.sandbox.app.database import Database
from deploygates.sandbox.app.metrics import Metrics
from deploygates.sandbox.app.platform import PlatformView
from deploygates.sandbox.app.tokens import TokenSigner
from deploygates.sandbox.app.watched import WatchedJson


@dataclass
class AppContext:
    db: Database
    platform_file: WatchedJson
    knob_spec: str | None = None
    signer: TokenSigner = field(default_factory=TokenSigner)
    metrics: Metrics = field(default_factory=Metrics)
    spreader: knob_module.ErrorSpreader = field(default_factory=knob_module.ErrorSpreader)
    _knob_file: WatchedJson | None = None
    _knobs: tuple[int, knob_module.Knobs] | None = None

    def __post_init__(self) -> None:
        inline = self.knob_spec is None or self.knob_spec.lstrip().startswith("{")
        self._knob_file = None if inline else WatchedJson(Path(str(self.knob_spec)))
        self._static = knob_module.load(self.knob_spec) if inline else knob_module.Knobs()

    def platform(self) -> PlatformView:
        return PlatformView(self.platform_file.read())

    def knobs(self) -> knob_module.Knobs:
        if self._knob_file is None:
            return self._static
        raw = self._knob_file.read()
        if self._knobs is None or self._knobs[0] != id(raw):
            self._knobs = (id(raw), knob_module.parse(raw))
        return self._knobs[1]


def context(request: Request) -> AppContext:
    found: AppContext = request.app.state.context
    return found


def error(status: int, code: str, **detail: Any) -> JSONResponse:
    return JSONResponse({"error": code, **detail}, status_code=status)


def claims(request: Request) -> str | None:
    """The RLS claims of the bearer token's user, or None without a valid token."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        return None
    verified = context(request).signer.verify(token.strip())
    return claims_for(verified["sub"], str(verified.get("email", ""))) if verified else None


def unauthorized() -> JSONResponse:
    return error(401, "unauthorized", message="a valid bearer token is required: POST /api/auth/signin")
