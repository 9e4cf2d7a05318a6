"""A scratch PostgreSQL server for the baseline, dataset and effect tests, and a fresh database per test."""

from collections.abc import Callable, Iterator

import pytest

from deploygates.postgres import Server, start_server
from deploygates.postgres.connections import create_database, drop_database, scratch_name


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    started = start_server()
    yield started
    started.stop()


@pytest.fixture
def fresh(server: Server) -> Iterator[Callable[[], str]]:
    """Make empty databases on the server (dropped after the test); returns their DSNs."""
    made: list[str] = []

    def make() -> str:
        made.append(scratch_name("baselines"))
        return create_database(server.admin_dsn, made[-1])

    yield make
    for name in made:
        drop_database(server.admin_dsn, name)
