"""The target a run gates: the local sandbox, staging or production.

Resolved once per run (command line > environment > `.env` > default) into a frozen `Target`.
Connection details of real targets come from environment variables only, never from options or
files under version control, and only their host ever reaches output.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from psycopg.conninfo import conninfo_to_dict

TARGETS = ("sandbox", "staging", "production")
REAL_TARGETS = ("staging", "production")


class TargetError(Exception):
    """A target setting is missing or malformed; the message says which and how to fix it."""


@dataclass(frozen=True)
class Target:
    name: str
    database_url: str | None = field(default=None, repr=False)
    app_url: str | None = None

    @property
    def is_real(self) -> bool:
        return self.name in REAL_TARGETS

    @property
    def read_only(self) -> bool:
        """Production is never written to; staging neither, by default, since it mirrors production."""
        return self.is_real

    @property
    def database_host(self) -> str:
        """Host, port and database of the target, without user or password."""
        if self.database_url is None:
            return "local sandbox"
        return describe_dsn(self.database_url)


def env_var(target: str, setting: str) -> str:
    return f"{target.upper()}_{setting}"


def describe_dsn(dsn: str) -> str:
    parts = parse_dsn(dsn)
    host = parts.get("host") or "localhost"
    port = parts.get("port") or "5432"
    return f"{host}:{port}/{parts.get('dbname', '')}"


def parse_dsn(dsn: str) -> dict[str, str]:
    try:
        return {key: str(value) for key, value in conninfo_to_dict(dsn).items()}
    except Exception as error:  # psycopg raises ProgrammingError with the DSN inside; never echo it
        raise TargetError(
            "a database URL is malformed; expected postgresql://USER:PASSWORD@HOST:PORT/DBNAME"
        ) from error


def read_dotenv(path: Path) -> dict[str, str]:
    """KEY=VALUE lines of a `.env` file; comments and blank lines ignored, quotes stripped."""
    if not path.is_file():
        return {}
    values: dict[str, str] = {}
    for number, raw in enumerate(path.read_text().splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.removeprefix("export ").partition("=")
        if not sep or not key.strip():
            raise TargetError(f"{path}:{number}: expected KEY=VALUE")
        values[key.strip()] = value.strip().strip("'\"")
    return values


def resolve_target(name: str, environ: Mapping[str, str], dotenv: Mapping[str, str]) -> Target:
    """Build the run's target; a real target missing a setting is a usage error naming it."""
    if name not in TARGETS:
        raise TargetError(f"unknown target {name!r}; choose one of {', '.join(TARGETS)}")
    settings = {**dotenv, **environ}
    if name == "sandbox":
        return Target(name, settings.get(env_var(name, "DATABASE_URL")) or None)
    missing = [
        env_var(name, key)
        for key in ("DATABASE_URL", "APP_URL")
        if not settings.get(env_var(name, key))
    ]
    if missing:
        raise TargetError(
            f"--target {name} needs {' and '.join(missing)}: "
            f"export {missing[0]}=... (or put it in .env) and run again"
        )
    database_url = settings[env_var(name, "DATABASE_URL")]
    parse_dsn(database_url)
    return Target(name, database_url, settings[env_var(name, "APP_URL")])


def read_settings(dotenv: Path, environ: Mapping[str, str] = os.environ) -> dict[str, str]:
    """The run's settings: the environment over the `.env` file, read once."""
    return {**read_dotenv(dotenv), **environ}


@dataclass(frozen=True)
class TargetDatabase:
    """The gated database as the gates reach it: a read-only, time-bounded session's DSN."""

    dsn: str  # read-only session settings included
    label: str
    scratch_name: str | None = None  # set for a sandbox database the suite owns
    # Sandbox only: a writable DSN for the sandbox app process, and the platform state it reads.
    app_dsn: str | None = field(default=None, repr=False)
    platform_state: Path | None = None
