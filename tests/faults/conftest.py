"""Fixtures of the fault catalog's nested gate runs: one scratch server and one recording folder for all."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from deploygates.migration.files import resolve_sources
from deploygates.postgres import Server, start_server
from deploygates.records import save_rehearsed


@pytest.fixture(scope="session")
def shared_server() -> Iterator[Server]:
    """One server for every nested run, so the pre-migration template is built once."""
    server = start_server()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def shared_baselines(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One recording folder for every nested run, so the sandbox's "before" is captured once. It holds the
    reference scripts' rehearsal record from the start, so the window's checksum gates compare with the same
    record whichever run came first (a GO of the healthy predeploy run writes the same one again)."""
    folder = tmp_path_factory.mktemp("recorded")
    save_rehearsed(folder, resolve_sources(), {"target": "sandbox", "verdict": "GO"})
    return folder


@pytest.fixture
def gates(
    pytester: pytest.Pytester, shared_server: Server, shared_baselines: Path, monkeypatch: pytest.MonkeyPatch
) -> pytest.Pytester:
    monkeypatch.setenv("SANDBOX_DATABASE_URL", shared_server.admin_dsn)
    monkeypatch.setenv("GATE_RECORDED", str(shared_baselines))
    return pytester
