"""The suite as a built wheel: its SQL, manifest, thresholds and templates are package data, found from any
directory, and `deploygates` is a console script with help on every subcommand."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from deploygates import resources
from tests.project import PROJECT_ROOT

DATA_SUFFIXES = (".sql", ".toml", ".json", ".mjs", ".html", ".txt")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from the checkout and installed into a folder of its own (its dependencies are this
    environment's)."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                    str(work / "dist"), str(PROJECT_ROOT)], check=True, capture_output=True, timeout=300)
    (wheel,) = (work / "dist").glob("deploygates-*.whl")
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(work / "site"),
                    str(wheel)], check=True, capture_output=True, timeout=300)
    return work


def run_installed(installed: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """A command run from a directory that is not the checkout, importing the installed copy."""
    elsewhere = installed / "elsewhere"
    elsewhere.mkdir(exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(installed / "site")}
    return subprocess.run([sys.executable, *argv], cwd=elsewhere, env=env, capture_output=True, text=True,
                          timeout=120, check=False)


def test_every_data_file_of_the_package_is_in_the_wheel(installed: Path) -> None:
    (wheel,) = (installed / "dist").glob("deploygates-*.whl")
    shipped = {name for name in zipfile.ZipFile(wheel).namelist() if name.endswith(DATA_SUFFIXES)}
    expected = {str(path.relative_to(resources.PACKAGE_DIR.parent)) for path in resources.PACKAGE_DIR.rglob("*")
                if path.suffix in DATA_SUFFIXES and "__pycache__" not in path.parts}
    assert expected - shipped == set()


def test_the_installed_copy_finds_its_files_from_elsewhere(installed: Path) -> None:
    code = ("from deploygates import resources; from deploygates.manifest.thresholds import load_thresholds; "
            "from deploygates.manifest.runbook import load_manifest; from deploygates.migration.files import "
            "resolve_sources; print(resources.PACKAGE_DIR, len(load_manifest()), len(load_thresholds().checkpoints), "
            "len(resolve_sources().migrations))")
    done = run_installed(installed, "-c", code)
    assert done.returncode == 0, done.stderr
    where, items, rows, scripts = done.stdout.split()
    assert (Path(where).is_relative_to(installed / "site"), int(items) > 100, int(rows) > 5, int(scripts)) == (
        True, True, True, 3)


@pytest.mark.parametrize("command", [[], ["sandbox"], ["signoff"], ["notify"], ["report"]],
                         ids=["deploygates", "sandbox", "signoff", "notify", "report"])
def test_every_subcommand_has_help(installed: Path, command: list[str]) -> None:
    done = run_installed(installed, "-m", "deploygates", *command, "--help")
    assert (done.returncode, "usage: deploygates" in done.stdout) == (0, True), done.stderr


def test_the_wheel_declares_the_console_script(installed: Path) -> None:
    (wheel,) = (installed / "dist").glob("deploygates-*.whl")
    archive = zipfile.ZipFile(wheel)
    (entry_points,) = [name for name in archive.namelist() if name.endswith("entry_points.txt")]
    assert "deploygates = deploygates.cli:main" in archive.read(entry_points).decode()
