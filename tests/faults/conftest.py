"""Fixtures of the fault catalog's nested gate runs: one scratch server and one recording folder for all."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from deploygates.postgres import Server, start_server


@pytest.fixture(scope="session")
def shared_server() -> Iterator[Server]:
    """One server for every nested run, so the pre-migration template is built once."""
    server = start_server()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def shared_baselines(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One baseline folder for every nested run, so the sandbox's "before" is captured once."""
    return tmp_path_factory.mktemp("baselines")


@pytest.fixture
def gates(
    pytester: pytest.Pytester, shared_server: Server, shared_baselines: Path, monkeypatch: pytest.MonkeyPatch
) -> pytest.Pytester:
    monkeypatch.setenv("SANDBOX_DATABASE_URL", shared_server.admin_dsn)
    monkeypatch.setenv("GATE_RECORDED", str(shared_baselines))
    return pytester
