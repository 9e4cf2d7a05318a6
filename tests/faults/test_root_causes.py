"""One failure, one headline: a run that meets a failure names it once, as its root cause (file, line and
PostgreSQL's words for a script), blocks what depends on it, never prints a Python traceback, and ends in
bounded time even when a target accepts connections and never answers."""

from __future__ import annotations

import json
import re
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from deploygates import resources
from tests.faults.catalog import before_commit
from tests.faults.harness import Run, invoke, not_passed, run_gates

SCHEMA = "20250103_organizational_model_schema.sql"
APPLIES = "checks/predeploy/test_migration_rehearsal.py::test_migration_script_applies"
PARSES = "checks/predeploy/test_static_checks.py::test_script_parses"
ROLLBACK = "checks/predeploy/test_rollback_rehearsal.py"
BAD_FOREIGN_KEY = "ALTER TABLE public.profiles ADD COLUMN sponsor_ref bigint REFERENCES auth.users (id);"
TRACEBACK = re.compile(r"Traceback \(most recent call last\)|^\s+File \".*\", line \d+", re.MULTILINE)


def migrations_with(workdir: Path, statement: str, after_line: int = 60) -> list[str]:
    """A copy of the migrations whose schema script runs `statement` after the first statement ending past
    `after_line` (a statement midway through the script, as real teams' scripts fail)."""
    target = workdir / "migrations"
    shutil.copytree(resources.MIGRATIONS_DIR, target)
    lines = (target / SCHEMA).read_text().splitlines()
    end = next(number for number in range(after_line, len(lines)) if lines[number].rstrip().endswith(";"))
    (target / SCHEMA).write_text("\n".join([*lines[:end + 1], statement, *lines[end + 1:]]) + "\n")
    return ["--migrations", str(target)]


def causes(run: Run) -> list[dict[str, object]]:
    return list(run.verdict["root_causes"])


def test_a_script_failing_at_one_statement_is_one_root_cause_with_its_file_and_line(gates: pytest.Pytester) -> None:
    """The schema script fails at a foreign key between a bigint and a uuid: one root cause, HOLD, exit 1."""
    run = run_gates(gates, "predeploy", *migrations_with(gates.path, BAD_FOREIGN_KEY))
    assert (set(not_passed(run.outcomes)), run.verdict["verdict"], run.exit_code) == (
        {f"{APPLIES}[{SCHEMA}]"}, "HOLD", 1)
    message = str(causes(run)[0]["message"])
    assert re.search(rf"{SCHEMA}:\d+: ERROR: foreign key constraint .* incompatible types", message), message
    assert "statement: ALTER TABLE public.profiles ADD COLUMN sponsor_ref" in message, message
    assert not TRACEBACK.search(run.output), TRACEBACK.search(run.output)


def test_a_syntax_error_is_one_root_cause_before_anything_runs(gates: pytest.Pytester) -> None:
    """A statement PostgreSQL cannot parse is named by the parse gate once; nothing that reads the script fails."""
    run = run_gates(gates, "predeploy", *migrations_with(gates.path, "ALTER TABEL public.profiles ADD x int;"))
    assert (set(not_passed(run.outcomes)), run.verdict["verdict"]) == ({f"{PARSES}[{SCHEMA}]"}, "HOLD")
    assert re.search(rf"{SCHEMA}:\d+: PostgreSQL's parser rejects it: syntax error at or near \"TABEL\"",
                     str(causes(run)[0]["message"]))
    assert not TRACEBACK.search(run.output)


def test_a_rollback_failing_midway_lists_what_it_left(gates: pytest.Pytester) -> None:
    """A rollback without its transaction stops at a DROP TABLE a foreign key still needs: its leftovers shown."""
    text = resources.ROLLBACK_FILE.read_text().replace("BEGIN;\n", "").replace("COMMIT;\n", "")
    text = text.replace("SET LOCAL", "SET").replace("DROP TABLE IF EXISTS public.practitioner_assignments;\n",
                                                    "DROP TABLE IF EXISTS public.practitioner_assignments;\n"
                                                    "DROP TABLE public.organizations;\n")
    (gates.path / "rollback.sql").write_text(text)
    run = run_gates(gates, "predeploy", "--rollback", str(gates.path / "rollback.sql"))
    assert set(not_passed(run.outcomes)) == {f"{ROLLBACK}::test_rollback_script_applies"}
    message = str(causes(run)[0]["message"])
    assert re.search(r"rollback failed at rollback\.sql:\d+: ERROR: cannot drop table organizations", message)
    assert re.search(r"left behind: .*\+ \d+ columns", message), message
    assert run.outcomes[f"{ROLLBACK}::test_rollback_restores_schema"] == "blocked"


def test_a_run_stopped_by_x_holds_on_the_failure_that_stopped_it(gates: pytest.Pytester) -> None:
    """With -x the gates that never ran are blocked by the failure, and the verdict is HOLD, not INCONCLUSIVE."""
    run = run_gates(gates, "predeploy", "-x", *migrations_with(gates.path, BAD_FOREIGN_KEY))
    assert (run.verdict["verdict"], run.verdict["counts"]["INCONCLUSIVE"]) == ("HOLD", 0)
    assert len(causes(run)) == 1


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A TCP port that accepts connections and never answers (a hung database or app)."""
    listener = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield int(listener.getsockname()[1])
    stop.set()
    thread.join(5)
    for connection in held:
        connection.close()
    listener.close()


def test_an_unresponsive_database_ends_within_a_minute(gates: pytest.Pytester, silent_server: int,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A staging database that never answers: one root cause naming it, INCONCLUSIVE, in under 60 s."""
    monkeypatch.setenv("STAGING_DATABASE_URL", f"postgresql://gate:pw@127.0.0.1:{silent_server}/app")
    monkeypatch.setenv("STAGING_APP_URL", f"http://127.0.0.1:{silent_server}")
    run = run_gates(gates, "migration", "--target", "staging", "-k", "not maintenance_mode and not scaled and not pod")
    assert (run.verdict["verdict"], len(causes(run)), run.seconds < 60) == ("INCONCLUSIVE", 1, True), run.seconds
    assert f"cannot connect to 127.0.0.1:{silent_server}/app" in str(causes(run)[0]["message"])


def test_an_unresponsive_app_after_the_deployment_is_the_inaccessible_app_trigger(
    gates: pytest.Pytester, silent_server: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An app that never answers after the rollout: one root cause, ROLLBACK_NOW, in bounded time."""
    monkeypatch.setenv("STAGING_DATABASE_URL", f"postgresql://gate:pw@127.0.0.1:{silent_server}/app")
    monkeypatch.setenv("STAGING_APP_URL", f"http://127.0.0.1:{silent_server}")
    run = run_gates(gates, "postdeploy", "--target", "staging", "-k", "app_answers or out_of_maintenance")
    assert (run.verdict["verdict"], len(causes(run)), run.seconds < 60) == ("ROLLBACK_NOW", 1, True), run.seconds
    assert "application completely inaccessible" in str(causes(run)[0]["message"])


def test_a_usage_error_leaves_the_last_verdict_in_place(gates: pytest.Pytester) -> None:
    """A mistyped option never overwrites verdict.json: the last real verdict stays."""
    (gates.path / "reports").mkdir()
    (gates.path / "reports" / "verdict.json").write_text(json.dumps({"verdict": "GO"}))
    result = invoke(gates, "--users", "15", f"--reports-dir={gates.path / 'reports'}", "-m", "predeploy")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--users (or SANDBOX_USERS) must be at least 20*"])
    assert json.loads((gates.path / "reports" / "verdict.json").read_text()) == {"verdict": "GO"}


def test_a_missing_backup_is_one_line(gates: pytest.Pytester) -> None:
    """--backup naming no file is a usage error in one line, not a failure in every backup gate."""
    result = invoke(gates, f"--backup={gates.path / 'absent.dump'}", "-m", "predeploy")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"*--backup {gates.path / 'absent.dump'}: no such file*"])


CYCLE = ("CREATE POLICY \"profiles through organizations\" ON public.profiles FOR SELECT TO authenticated USING "
         "(EXISTS (SELECT 1 FROM public.organizations o WHERE o.id = profiles.organization_id));\n"
         "CREATE POLICY \"organizations through profiles\" ON public.organizations FOR SELECT TO authenticated USING "
         "(EXISTS (SELECT 1 FROM public.profiles p WHERE p.organization_id = organizations.id));")


def test_a_policy_cycle_is_named_with_its_table_and_policies(gates: pytest.Pytester) -> None:
    """Two policies that read each other's table make every read of profiles fail: said in words, no traceback."""
    target = gates.path / "migrations"
    shutil.copytree(resources.MIGRATIONS_DIR, target)
    (target / SCHEMA).write_text(before_commit((target / SCHEMA).read_text(), CYCLE))
    run = run_gates(gates, "postdeploy", "--migrations", str(target), "-k", "impersonation")
    messages = " ".join(str(cause["message"]) for cause in causes(run))
    assert 'infinite recursion detected in policy for relation "profiles"' in messages, messages
    assert '"profiles through organizations"' in messages, messages
    assert not TRACEBACK.search(run.output), TRACEBACK.search(run.output)
