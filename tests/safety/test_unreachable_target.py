"""A real target the gates cannot reach: a closed port, or a password the server refuses. The run ends
INCONCLUSIVE, without a traceback, naming "cannot connect to HOST:PORT" once as the root cause (the gates
that needed the database are blocked by it, not failures of their own). The run's other inputs are
missing on purpose (no kubeconfig, no recorded rehearsal): those are root causes of their own, each once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict

from deploygates.postgres import start_server
from deploygates.postgres.cluster import LocalCluster
from deploygates.processes import free_port
from tests.project import PROJECT_ROOT


@dataclass(frozen=True)
class Unreached:
    address: str  # HOST:PORT
    exit_code: int
    verdict: dict[str, object]
    output: str


def run_against(workdir: Path, dsn: str, address: str) -> Unreached:
    env = {**os.environ, "PRODUCTION_DATABASE_URL": dsn, "PRODUCTION_APP_URL": f"http://127.0.0.1:{free_port()}",
           "KUBECONFIG": str(workdir / "no-kubeconfig")}
    env.pop("SANDBOX_DATABASE_URL", None)
    argv = [sys.executable, "-m", "pytest", "-c", str(PROJECT_ROOT / "pyproject.toml"), "--rootdir", str(PROJECT_ROOT),
            "-m", "migration", "--target", "production", "-p", "no:cacheprovider", f"--reports-dir={workdir}",
            str(PROJECT_ROOT / "checks"), str(PROJECT_ROOT / "smoke")]
    done = subprocess.run(argv, cwd=workdir, env=env, capture_output=True, text=True, timeout=600, check=False)
    return Unreached(address, done.returncode, json.loads((workdir / "verdict.json").read_text()),
                     done.stdout + done.stderr)


@pytest.fixture(scope="module")
def password_server() -> Iterator[LocalCluster]:
    """A local cluster that checks passwords on TCP (the suite's own clusters trust local connections)."""
    server = start_server()
    assert isinstance(server, LocalCluster), "needs a local cluster to require passwords"
    with psycopg.connect(server.admin_dsn, autocommit=True) as conn:
        conn.execute("CREATE ROLE gate_pw LOGIN PASSWORD 'the-right-one'")
        hba = conn.execute("SHOW hba_file").fetchone()[0]  # type: ignore[index]
        Path(hba).write_text("local all all trust\nhost all postgres 127.0.0.1/32 trust\n"
                             "host all all 127.0.0.1/32 scram-sha-256\n")
        conn.execute("SELECT pg_reload_conf()")
    yield server
    server.stop()


@pytest.fixture(scope="module", params=["closed port", "wrong password"])
def unreached(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Unreached:
    workdir = tmp_path_factory.mktemp("unreached")
    if request.param == "closed port":
        port = free_port()
        return run_against(workdir, f"postgresql://gate:pw@127.0.0.1:{port}/app", f"127.0.0.1:{port}")
    server: LocalCluster = request.getfixturevalue("password_server")
    port = conninfo_to_dict(server.admin_dsn)["port"]
    return run_against(workdir, f"postgresql://gate_pw:the-wrong-one@127.0.0.1:{port}/postgres", f"127.0.0.1:{port}")


def test_no_traceback(unreached: Unreached) -> None:
    """No Python traceback, whichever gate met the unreachable database first."""
    assert "Traceback" not in unreached.output, unreached.output[-3000:]


def test_verdict_is_inconclusive(unreached: Unreached) -> None:
    """Nothing could be measured: INCONCLUSIVE (exit 10), never HOLD and never GO."""
    assert (unreached.verdict["verdict"], unreached.exit_code) == ("INCONCLUSIVE", 10), unreached.verdict["reason"]


def test_the_reason_names_host_and_port(unreached: Unreached) -> None:
    """The operator reads which server could not be reached."""
    assert f"cannot connect to {unreached.address}" in unreached.output, unreached.output[-3000:]


def test_one_root_cause(unreached: Unreached) -> None:
    """One root cause, "cannot connect to HOST:PORT: reason", not one failure per gate that needed the database."""
    causes = unreached.verdict.get("root_causes", [])
    naming = [cause for cause in causes if f"cannot connect to {unreached.address}" in json.dumps(cause)]
    blocked = [item for item in unreached.verdict.get("items", []) if item.get("outcome") == "blocked"]
    assert (len(naming), len(blocked) >= 20) == (1, True), causes
