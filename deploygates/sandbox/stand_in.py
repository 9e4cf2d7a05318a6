"""The sandbox as the gates' stand-in for production's application (deploygates/stand_in.py)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from deploygates import resources
from deploygates.postgres.connections import content_key
from deploygates.processes import Service
from deploygates.sandbox.app.knobs import KnobError, load
from deploygates.sandbox.process import start_app
from deploygates.stand_in import StandInError


class SandboxStandIn:
    def knobs(self, spec: str | None) -> str | None:
        try:
            load(spec)
        except (KnobError, OSError) as error:
            raise StandInError(str(error)) from None
        if spec is None or spec.lstrip().startswith("{"):
            return spec
        return str(Path(spec).resolve())  # the app runs elsewhere

    def knob_config_maps(self, spec: str | None) -> Mapping[str, Mapping[str, str]]:
        return load(spec).platform

    def start_app(self, database_url: str, platform_state: Path, knobs: str | None, workdir: Path) -> Service:
        return start_app(database_url, platform_state, knobs, workdir)

    def content_key(self) -> str:
        files = sorted((resources.PACKAGE_DIR / "sandbox" / "app").glob("*.py"))
        for folder in ("app", "smoke", "access"):
            files += sorted((resources.SQL_DIR / folder).glob("*.sql"))
        return content_key(*(f.name.encode() + f.read_bytes() for f in files))
