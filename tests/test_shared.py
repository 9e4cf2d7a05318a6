"""Work shared between xdist workers is built once; the others read its result, or its failure."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from fixtures.shared import DIRECTORY_KEY, DROPS, dispose, once


def worker_config(directory: Path) -> pytest.Config:
    return SimpleNamespace(workerinput={DIRECTORY_KEY: str(directory)}, stash=pytest.Stash())  # type: ignore[return-value]


def build_slowly(directory: Path, builds: Path) -> str:
    with builds.open("a") as log:
        log.write("built\n")
    time.sleep(0.5)  # long enough for the other process to be waiting on the lock
    return f"result of {directory.name}"


def ask(directory: Path, builds: Path, answers: Path, fail: bool) -> None:
    def build() -> str:
        value = build_slowly(directory, builds)
        if fail:
            pytest.fail("the template did not load", pytrace=False)
        return value

    try:
        answer = once(worker_config(directory), "rehearsal", build)
    except pytest.fail.Exception as failure:
        answer = f"failed: {failure.msg}"
    with answers.open("a") as log:
        log.write(answer + "\n")


@pytest.mark.parametrize("fail", [False, True], ids=["result", "failure"])
def test_two_workers_build_once_and_share(tmp_path: Path, fail: bool) -> None:
    builds, answers = tmp_path / "builds.txt", tmp_path / "answers.txt"
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=ask, args=(tmp_path, builds, answers, fail)) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(30)
    assert builds.read_text().splitlines() == ["built"]
    expected = "failed: the template did not load" if fail else f"result of {tmp_path.name}"
    assert answers.read_text().splitlines() == [expected, expected]


def test_without_xdist_once_is_a_plain_call(tmp_path: Path) -> None:
    config = SimpleNamespace(stash=pytest.Stash())
    calls = []
    assert once(config, "rehearsal", lambda: calls.append(1) or "value") == "value"  # type: ignore[arg-type, func-returns-value]
    assert once(config, "rehearsal", lambda: calls.append(1) or "value") == "value"  # type: ignore[arg-type, func-returns-value]
    assert len(calls) == 2  # the fixture's own session scope is what makes it once


def test_shared_databases_are_dropped_by_the_controller(tmp_path: Path) -> None:
    dispose(worker_config(tmp_path), "postgresql://unused", "rehearsal_1", "reference_1")
    dispose(worker_config(tmp_path), "postgresql://unused", "rehearsal_1")
    assert (tmp_path / DROPS).read_text().split() == ["rehearsal_1", "reference_1", "rehearsal_1"]
