"""The foreign corpus: other teams' Supabase schemas, each built as its own database and exported with the
real pg_dump, run through `pytest -m predeploy` as a new user runs it: their dump as --baseline, their
scripts, one command, no edit to the suite. The healthy set of each team is GO; each defect is caught by
its root-cause gate with the verdict it deserves (tests/corpus/<team>/cases.toml).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from deploygates.postgres import Server, start_server
from tests.corpus.build import TEAMS, build
from tests.corpus.cases import Case, load_cases
from tests.faults.harness import not_passed, run_gates

CASES = load_cases()
BACKUP_USERS = 60  # the production copy's size: not the nested run's --users, so the two cannot be confused


@pytest.fixture(scope="session")
def corpus_server() -> Iterator[Server]:
    server = start_server()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def dumps(corpus_server: Server, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each team's schema exported as the team exports it, and Harbor's data copy (a full -Fc dump)."""
    directory = tmp_path_factory.mktemp("corpus-dumps")
    found = {name: build(team, corpus_server, directory) for name, team in TEAMS.items()}
    found["harbor-backup"] = build(TEAMS["harbor"], corpus_server, directory, users=BACKUP_USERS)
    return found


def rehearsal_data(verdict: dict[str, Any]) -> set[str]:
    """The `rehearsal_data` notes of the nested run (what its rehearsal ran on), from its verdict.json."""
    return {note for item in verdict["items"] for note in item["evidence"].get("rehearsal_data", ())}


def expectation(case: Case) -> list[pytest.MarkDecorator]:
    return [pytest.mark.xfail(reason=case.pending, strict=True)] if case.pending else []


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id, marks=expectation(c)) for c in CASES])
def test_corpus_case_gets_its_verdict(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch,
                                      corpus_server: Server, dumps: dict[str, Path], case: Case) -> None:
    """A team's migration set gets its verdict from `pytest -m predeploy`, its root cause among the failures."""
    monkeypatch.setenv("SANDBOX_DATABASE_URL", corpus_server.admin_dsn)
    backup = dumps["harbor-backup"] if case.backup else None
    run = run_gates(pytester, "predeploy", *case.arguments(pytester.path, dumps[case.team.name], backup))
    failed = set(not_passed(run.outcomes))
    missed = [gate for gate in case.caught_by if gate not in failed]
    data = [note for note in rehearsal_data(run.verdict) if case.rehearsed_on in note]
    assert (run.verdict["verdict"], missed, bool(data)) == (case.verdict, [], case.rehearsed), (
        run.verdict["reason"], sorted(failed)[:20])
