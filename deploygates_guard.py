"""A pytest plugin installed with deploygates (entry point `pytest11`): one check before the suite loads.

pytest decides its rootdir and configuration before it knows the suite's options, so in
`pytest --migrations /some/dir` it takes `/some/dir` for the path of the tests to run. Outside the
checkout that path has no configuration and no conftest.py: the suite never loads, and pytest answers
`unrecognized arguments`. This module is loaded earlier than any conftest, sees that case and says, in one
line, which form to use. It imports nothing of the suite, so the suite itself is imported from the checkout.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

PATH_OPTIONS = ("--baseline", "--migrations", "--validation", "--rollback", "--backup", "--thresholds",
                "--recorded", "--reports-dir", "--signoffs", "--kubeconfig", "--sandbox-platform", "--sandbox-knobs",
                "--pgtap")
PLUGIN = Path("fixtures") / "plugin.py"


def checkout(start: Path) -> Path | None:
    """The gates checkout `start` is in (it holds fixtures/plugin.py), if any."""
    return next((folder for folder in (start, *start.parents) if (folder / PLUGIN).is_file()), None)


def misplaced(args: list[str]) -> str | None:
    """The first `--option PATH` written with a space, as `--option=PATH`, or None."""
    for option, value in itertools.pairwise(args):
        if option in PATH_OPTIONS and not value.startswith("-"):
            return f"{option}={value}"
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config: pytest.Config, args: list[str]) -> None:
    if checkout(early_config.rootpath) is not None or checkout(Path.cwd()) is None:
        return  # the suite's configuration was found, or this is not a run of the suite
    written = misplaced(args)
    if written is not None:
        option, value = written.split("=", 1)
        raise pytest.UsageError(
            f"{option} {value}: pytest took {value} for the tests to run, before it knew {option}; "
            f"write {written} (with '=') and run again")
