"""Inputs that used to pass silently or end in a traceback: each is now one usage error (exit 4) that names
the file, variable or option and the fix, and never a Python traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from deploygates.manifest.thresholds import THRESHOLDS_FILE
from tests.project import PROJECT_ROOT

PRODUCTION = {"PRODUCTION_DATABASE_URL": "postgresql://gate:pw@127.0.0.1:5432/app",
              "PRODUCTION_APP_URL": "https://app.example"}
# case: (extra arguments, extra environment, what the error names)
CASES = {
    "nan threshold": (["--thresholds={dir}/nan.toml"], {}, "'error-rate'.checkpoint must be a number"),
    "binary thresholds": (["--thresholds={dir}/binary.toml"], {}, "binary.toml: not a UTF-8 text file"),
    "empty --watch": (["--watch="], {}, "--watch '': expected INTERVAL,COUNT,FAILURE_LIMIT"),
    "PG_BINDIR nowhere": ([], {"PG_BINDIR": "/nonexistent"}, "PG_BINDIR=/nonexistent: no PostgreSQL programs"),
    "SANDBOX_USERS not a number": ([], {"SANDBOX_USERS": "abc"}, "SANDBOX_USERS='abc' is not a number"),
    "reports folder is a file": (["--reports-dir={dir}/a-file"], {}, "a-file is a file, not a folder"),
    "APP_URL not a URL": (["--target", "production"], {**PRODUCTION, "PRODUCTION_APP_URL": "app.example"},
                          "PRODUCTION_APP_URL is not an app URL"),
    "DSN with a bad port": (["--target", "production"], {**PRODUCTION, "PRODUCTION_DATABASE_URL":
                            "postgresql://gate:pw@127.0.0.1:99999/app"}, "PRODUCTION_DATABASE_URL has port '99999'"),
    "DSN that is not one": (["--target", "production"], {**PRODUCTION, "PRODUCTION_DATABASE_URL": "db.example"},
                            "PRODUCTION_DATABASE_URL is malformed"),
}


def inputs(folder: Path) -> None:
    (folder / "nan.toml").write_text(THRESHOLDS_FILE.read_text().replace("checkpoint = 0.01 ", "checkpoint = nan ", 1))
    (folder / "binary.toml").write_bytes(bytes(range(256)) * 4)
    (folder / "a-file").write_text("not a folder\n")


def gates(folder: Path, arguments: list[str], environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **environment}
    env.pop("SANDBOX_DATABASE_URL", None)
    argv = [sys.executable, "-m", "pytest", "-c", str(PROJECT_ROOT / "pyproject.toml"), "--rootdir", str(PROJECT_ROOT),
            "-m", "predeploy", "-p", "no:cacheprovider", *(a.format(dir=folder) for a in arguments),
            str(PROJECT_ROOT / "checks")]
    return subprocess.run(argv, cwd=folder, env=env, capture_output=True, text=True, timeout=300, check=False)


@pytest.fixture(scope="module")
def refused(tmp_path_factory: pytest.TempPathFactory) -> dict[str, subprocess.CompletedProcess[str]]:
    folder = tmp_path_factory.mktemp("inputs")
    inputs(folder)
    return {case: gates(folder, arguments, environment) for case, (arguments, environment, _) in CASES.items()}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_input_is_a_usage_error(refused: dict[str, subprocess.CompletedProcess[str]], case: str) -> None:
    """The run stops before any gate with exit 4 (usage error)."""
    assert refused[case].returncode == 4, refused[case].stdout[-2000:] + refused[case].stderr[-2000:]


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_error_names_what_is_wrong(refused: dict[str, subprocess.CompletedProcess[str]], case: str) -> None:
    """One line names the file, variable or option and what it must be."""
    assert CASES[case][2] in refused[case].stderr, refused[case].stderr[-2000:]


@pytest.mark.parametrize("case", sorted(CASES))
def test_no_traceback(refused: dict[str, subprocess.CompletedProcess[str]], case: str) -> None:
    """No Python traceback, whatever the input."""
    output = refused[case].stdout + refused[case].stderr
    assert "Traceback" not in output, output[-3000:]


def test_a_binary_dotenv_is_a_usage_error(tmp_path: Path) -> None:
    """A .env file of random bytes in the project root is one usage error naming it, no traceback."""
    (tmp_path / ".env").write_bytes(bytes(range(128, 256)))
    (tmp_path / "test_nothing.py").write_text("def test_nothing():\n    pass\n")
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "fixtures.plugin", "-p", "no:cacheprovider",
                           "test_nothing.py"], cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)
    assert (done.returncode, ".env: not a readable UTF-8 file" in done.stderr, "Traceback" in done.stderr) == \
        (4, True, False), done.stderr[-2000:]
