"""What this process started, so that a run stopped by a signal leaves nothing behind.

Servers (a PostgreSQL cluster or container, the sandbox app, Prometheus) and scratch databases are
tracked from the moment they exist until they are stopped or dropped. Normally their owners do that; when
a run is interrupted, `clean_up` stops every server still running and drops every scratch database still
there on a server the run does not own, each bounded, each failure only reported.
"""

from __future__ import annotations

import contextlib
from typing import Protocol

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict

DROP_TIMEOUT = 5  # seconds to connect to a server when dropping what was left on it


class Stoppable(Protocol):
    def stop(self) -> None: ...


_running: list[Stoppable] = []
_databases: dict[tuple[str, str], None] = {}  # (admin DSN, name), in creation order


def track(server: Stoppable) -> None:
    if server not in _running:
        _running.append(server)


def forget(server: Stoppable) -> None:
    """The server stopped: forget it, and the databases on it (they went with it)."""
    with contextlib.suppress(ValueError):
        _running.remove(server)
    gone = _address(getattr(server, "admin_dsn", "") or "")
    for admin_dsn, name in list(_databases):
        if _address(admin_dsn) == gone:
            forget_database(admin_dsn, name)


def track_database(admin_dsn: str, name: str) -> None:
    _databases[admin_dsn, name] = None


def forget_database(admin_dsn: str, name: str) -> None:
    _databases.pop((admin_dsn, name), None)


def _address(dsn: str) -> tuple[str, str]:
    if not dsn:
        return "", ""
    parts = conninfo_to_dict(dsn)
    return str(parts.get("host", "")), str(parts.get("port", "5432"))


def clean_up(drop_databases: bool) -> list[str]:
    """Stop what is still running (newest first), then, when `drop_databases` (an interrupted run: a normal
    one dropped its own, and under xdist a worker's may still serve the others), drop what is left on
    servers that outlive the run. What could not be cleaned, in words."""
    problems: list[str] = []
    for server in reversed(list(_running)):
        try:
            server.stop()
        except Exception as error:  # the next one must still be stopped
            problems.append(f"could not stop {type(server).__name__}: {error}")
        forget(server)
    for admin_dsn, name in reversed(list(_databases)):
        if drop_databases:
            try:
                with psycopg.connect(admin_dsn, autocommit=True, connect_timeout=DROP_TIMEOUT) as conn:
                    conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
            except psycopg.Error as error:
                problems.append(f"could not drop scratch database {name}: {str(error).strip()}")
        forget_database(admin_dsn, name)
    return problems
