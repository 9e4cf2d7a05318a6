"""Against a write-audited stand-in for production (log_statement = all): every hostile script and every
phase of the gates, run as the gates' read-only role, sends no write statement and leaves nothing behind."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from deploygates import resources
from deploygates.errors import GateFailure
from deploygates.manifest.phases import PHASES
from deploygates.postgres import start_server
from deploygates.safety.runner import run_read_only
from deploygates.safety.screen import ScriptRefused
from tests.project import PROJECT_ROOT
from tests.safety.audit import statements, stopped_by_server, write_statements
from tests.safety.hostile import FILE_MARK, HELD, MARK, SCREENED
from tests.safety.production import GATE_ROLE, USERS, WRITER_ROLE, Production, start_production

ROLES = (GATE_ROLE, WRITER_ROLE)
# The hostile scripts as --validation, run by a role that can write (--allow-writable-role).
HOSTILE_RUNS = {"hostile-validation-do": ("migration", "do_create_table"),
                "hostile-validation-commit": ("migration", "commit_then_new_transaction"),
                "hostile-verify-after-rollback": ("rollback", "do_dynamic_read_write")}


@dataclass(frozen=True)
class Attempt:
    failure: str  # the screen's refusal, or the runner's report of a write the server stopped
    exit_code: int | None  # the runner's, when it ran
    sent: list[str]  # every statement the gates' role sent meanwhile, as logged
    writes: list[str]  # those that write
    stopped: list[str]  # writes the server refused inside the read-only transaction


@pytest.fixture(scope="module")
def production(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Production]:
    workdir = tmp_path_factory.mktemp("production")
    server = start_server()
    try:
        running = start_production(server, workdir)
        yield running
        running.app.stop()
    finally:
        server.stop()


def attempt(production: Production, role: str, run: object) -> Attempt:
    start = production.log_size()
    failure, code = "", None
    try:
        code = run()  # type: ignore[operator]
    except GateFailure as failed:
        failure = str(failed)
    log = production.log
    return Attempt(failure, code, statements(log, role, start), write_statements(log, role, start),
                   stopped_by_server(log, role, start))


@pytest.fixture(scope="module")
def hostile(production: Production, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Attempt]:
    """Each hostile script handed, as each role, to the runner the gates use on a real target (5 s bound)."""
    workdir = tmp_path_factory.mktemp("hostile")
    found = {}
    for role, dsn in zip(ROLES, (production.gate_dsn, production.writer_dsn), strict=True):
        for name, text in {**SCREENED, **HELD}.items():
            script = workdir / f"{name}.sql"
            script.write_bytes(text.encode("latin-1") if name == "binary_file" else text.encode())
            found[name, role] = attempt(production, role,
                                        lambda s=script, d=dsn: run_read_only(d, s, timeout=5).returncode)
    return found


def nested_gates(production: Production, workdir: Path, dsn: str, marker: str, *extra: str) -> int:
    env = {**os.environ, **production.environment(dsn), "KUBECONFIG": str(workdir / "no-kubeconfig")}
    env.pop("SANDBOX_DATABASE_URL", None)
    argv = [sys.executable, "-m", "pytest", "-c", str(PROJECT_ROOT / "pyproject.toml"), "--rootdir",
            str(PROJECT_ROOT), "-m", marker, "--target", "production", "--users", str(USERS), "-p",
            "no:cacheprovider", f"--backup={production.backup}", f"--reports-dir={workdir / 'reports'}",
            f"--recorded={workdir / 'recorded'}", f"--junitxml={workdir / 'junit.xml'}", *extra,
            str(PROJECT_ROOT / "checks"), str(PROJECT_ROOT / "smoke")]
    done = subprocess.run(argv, cwd=workdir, env=env, capture_output=True, text=True, timeout=900, check=False)
    (workdir / "terminal.txt").write_text(done.stdout + done.stderr)
    return done.returncode


@pytest.fixture(scope="module")
def phases(production: Production, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Attempt]:
    """Every phase of the gates against the stand-in, then the hostile scripts as --validation."""
    found = {}
    for phase in PHASES:  # the rehearsal writes, on the scratch server only: refused for production by design
        workdir, marker = tmp_path_factory.mktemp(phase), f"{phase} and not destructive"
        found[phase] = attempt(production, GATE_ROLE, lambda w=workdir, m=marker: nested_gates(
            production, w, production.gate_dsn, m))
    for name, (phase, script) in HOSTILE_RUNS.items():
        workdir = tmp_path_factory.mktemp(name)
        (workdir / "validate.sql").write_text({**SCREENED, **HELD}[script])
        found[name] = attempt(production, WRITER_ROLE, lambda w=workdir, p=phase: nested_gates(
            production, w, production.writer_dsn, p, "--allow-writable-role", f"--validation={w / 'validate.sql'}",
            "-k", "validation_script or verify_step"))
    workdir = tmp_path_factory.mktemp("writer-without-option")
    found["writer-without-option"] = attempt(production, WRITER_ROLE, lambda: nested_gates(
        production, workdir, production.writer_dsn, "migration"))
    return found


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(SCREENED))
def test_screened_script_sends_nothing(hostile: dict[tuple[str, str], Attempt], name: str, role: str) -> None:
    """A script that could write is refused before a single statement of it reaches the target."""
    found = hostile[name, role]
    assert ("refused before" in found.failure or "not plain SQL" in found.failure or "meta-command" in found.failure
            or "not a UTF-8" in found.failure, found.sent) == (True, []), found


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(HELD))
def test_held_script_sends_no_write(hostile: dict[tuple[str, str], Attempt], name: str, role: str) -> None:
    """A script whose writes hide in code runs, but no write statement from the gates' role reaches the log."""
    found = hostile[name, role]
    assert (found.writes, len(found.sent) > 0) == ([], True), found


@pytest.mark.parametrize("name", ["do_create_table", "do_commit_inside", "do_dynamic_read_write",
                                  "do_alter_role", "do_set_role_write", "security_definer_writer",
                                  "do_security_definer_writer"])
@pytest.mark.parametrize("role", ROLES)
def test_server_stops_the_hidden_write(hostile: dict[tuple[str, str], Attempt], name: str, role: str) -> None:
    """The write inside the code is refused by the server (the transaction is read-only and stays so), and the
    runner reports the attempt as the script's defect."""
    found = hostile[name, role]
    assert ("the read-only transaction stopped it" in found.failure, len(found.stopped) > 0) == (True, True), found


def test_timeout_escape_is_bounded(hostile: dict[tuple[str, str], Attempt]) -> None:
    """A script that lifts statement_timeout and sleeps is cancelled at the runner's own bound."""
    assert hostile["do_timeout_off_then_sleep", GATE_ROLE].exit_code == 124


MARKERS = {
    "tables": f"SELECT count(*) FROM pg_class WHERE relname LIKE '{MARK}%'",
    "rows": f"SELECT count(*) FROM public.profiles WHERE full_name = '{MARK}'",
    "large objects": "SELECT count(*) FROM pg_largeobject_metadata",
    "role settings": f"SELECT count(*) FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole "
                     f"WHERE r.rolname IN {ROLES}",
}


@pytest.mark.parametrize("what", sorted(MARKERS))
def test_nothing_planted_on_target(production: Production, hostile: dict[tuple[str, str], Attempt],
                                   phases: dict[str, Attempt], what: str) -> None:
    """After every hostile script and every phase, the target holds none of what they tried to plant."""
    with psycopg.connect(production.admin_dsn) as conn:
        assert conn.execute(MARKERS[what]).fetchone() == (0,)


def test_no_file_planted(hostile: dict[tuple[str, str], Attempt]) -> None:
    """No hostile script wrote a file, on the server or through a shell."""
    assert not Path(FILE_MARK).exists()


@pytest.mark.parametrize("run", [*PHASES, *HOSTILE_RUNS, "writer-without-option"])
def test_phase_sends_no_write(phases: dict[str, Attempt], run: str) -> None:
    """A whole phase of gates against the target, as its read-only role: 0 write statements in the log."""
    assert phases[run].writes == []


@pytest.mark.parametrize("run", [phase for phase in PHASES if phase != "deployment"])
def test_phase_read_the_target(phases: dict[str, Attempt], run: str) -> None:
    """The phase did read the target as the gates' role (else a count of 0 writes would prove nothing)."""
    assert len(phases[run].sent) > 2  # more than the start-up check of the role


def test_hostile_validation_fails_its_gate(phases: dict[str, Attempt]) -> None:
    """A --validation script that tries to write makes its gate fail (HOLD), in the window and after a rollback."""
    assert [phases[name].exit_code for name in HOSTILE_RUNS] == [1, 1, 1]


def test_writable_role_refused_without_the_option(phases: dict[str, Attempt]) -> None:
    """A role that can write is refused at start-up (a usage error) unless --allow-writable-role is given."""
    found = phases["writer-without-option"]
    assert (found.exit_code, len(found.sent)) == (4, 2)  # the role check's two statements, nothing after


def test_rollback_refused(production: Production) -> None:
    """The runner refuses the reference rollback script: it writes, so it never runs on the target."""
    with pytest.raises(ScriptRefused, match="refused before anything was sent"):
        run_read_only(production.gate_dsn, resources.ROLLBACK_FILE)
