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
from urllib.parse import urlsplit

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
    def app_host(self) -> str:
        """Host and port of the app, without any user or password its URL carries."""
        if self.app_url is None:
            return "sandbox app"
        return urlsplit(self.app_url).netloc.rpartition("@")[2]

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


def parse_dsn(dsn: str, variable: str = "a database URL") -> dict[str, str]:
    """The DSN's parts; TargetError naming `variable` when it does not parse or its port is not a port."""
    expected = f"{variable} is malformed; expected postgresql://USER:PASSWORD@HOST:PORT/DBNAME"
    try:
        parts = {key: str(value) for key, value in conninfo_to_dict(dsn).items()}
    except Exception:  # psycopg raises ProgrammingError with the DSN inside; never echo it
        raise TargetError(expected) from None
    if "://" in dsn and dsn.split("://", 1)[0] not in ("postgres", "postgresql"):
        raise TargetError(expected)
    port = parts.get("port", "5432")
    if not all(p.isdigit() and 0 < int(p) < 65536 for p in port.split(",")):
        raise TargetError(f"{variable} has port {port!r}, not a port number (1-65535)")
    return parts


def check_app_url(url: str, variable: str) -> None:
    """An app URL must be http(s)://HOST[:PORT][/PATH]; a usage error naming the variable otherwise."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise TargetError(f"{variable} has a port that is not a port number; expected https://HOST[:PORT]") from None
    if parts.scheme not in ("http", "https") or not parts.hostname or port == 0:
        raise TargetError(f"{variable} is not an app URL; expected https://HOST[:PORT] (the base URL of the API)")


def read_dotenv(path: Path) -> dict[str, str]:
    """KEY=VALUE lines of a `.env` file; comments and blank lines ignored, quotes stripped."""
    if not path.is_file():
        return {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise TargetError(f"{path}: not a readable UTF-8 file of KEY=VALUE lines; fix or remove it") from None
    values: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
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
        explicit = settings.get(env_var(name, "DATABASE_URL")) or None
        if explicit:
            parse_dsn(explicit, env_var(name, "DATABASE_URL"))
        return Target(name, explicit)
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
    database_url, app_url = settings[env_var(name, "DATABASE_URL")], settings[env_var(name, "APP_URL")]
    parse_dsn(database_url, env_var(name, "DATABASE_URL"))
    check_app_url(app_url, env_var(name, "APP_URL"))
    return Target(name, database_url, app_url)


def read_settings(dotenv: Path, environ: Mapping[str, str] = os.environ) -> dict[str, str]:
    """The run's settings: the environment over the `.env` file, read once."""
    return {**read_dotenv(dotenv), **environ}


@dataclass(frozen=True)
class TargetDatabase:
    """The gated database as the gates reach it: a read-only, time-bounded session's DSN."""

    dsn: str = field(repr=False)  # read-only session settings included; a password never goes into a repr
    label: str
    scratch_name: str | None = None  # set for a sandbox database the suite owns
    # Sandbox only: a writable DSN for the sandbox app process, and the platform state it reads.
    app_dsn: str | None = field(default=None, repr=False)
    platform_state: Path | None = None
