"""A failing test that prints and asserts on a secret: every reporter sees it masked."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.reporting.planted import BEARER, hits

LEAKY_TEST = '''
import os

def test_leaks():
    secret = os.environ["PLANTED_API_TOKEN"]
    print("stdout carries", secret)
    assert secret == "another value", f"Authorization: Bearer {secret}"
'''


@pytest.fixture(scope="module")
def leaky_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    workdir = tmp_path_factory.mktemp("leaky")
    (workdir / "test_leaky.py").write_text(LEAKY_TEST)
    argv = [sys.executable, "-m", "pytest", "-p", "fixtures.plugin", "-p", "no:cacheprovider", "-rA",
            "--showlocals", f"--junitxml={workdir / 'junit.xml'}", f"--alluredir={workdir / 'allure'}", "test_leaky.py"]
    env = {**os.environ, "PLANTED_API_TOKEN": BEARER}
    done = subprocess.run(argv, cwd=workdir, env=env, capture_output=True, text=True, timeout=120, check=False)
    (workdir / "terminal.txt").write_text(done.stdout + done.stderr)
    return workdir


def test_the_leaky_test_failed_and_left_its_artifacts(leaky_run: Path) -> None:
    """The run failed its test and wrote JUnit XML and Allure results (so the scans below see something)."""
    results = list((leaky_run / "allure").glob("*-result.json"))
    assert ("1 failed" in (leaky_run / "terminal.txt").read_text(), len(results)) == (True, 1)


@pytest.mark.parametrize("artifact", ["terminal.txt", "junit.xml", "allure"])
def test_a_secret_in_a_failure_is_masked_in(leaky_run: Path, artifact: str) -> None:
    """The secret shows nowhere: not in the terminal, the JUnit XML or any Allure result or attachment."""
    target = leaky_run / artifact
    found = hits(target, (BEARER,)) if target.is_dir() else {artifact: [BEARER] if BEARER in target.read_text() else []}
    assert {name: leaked for name, leaked in found.items() if leaked} == {}


def test_the_mask_is_shown_in_its_place(leaky_run: Path) -> None:
    """The operator still sees where the secret was: the mask stands in the failure message."""
    assert "********" in (leaky_run / "junit.xml").read_text()
