"""The run's other inputs, each checked where it enters: the dataset's size (--users, $SANDBOX_USERS),
$PG_BINDIR, and the folders the run writes into (--reports-dir, --recorded and their variables). A wrong
one is one InputError naming the option or variable and the fix, never silently passed over."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from deploygates.migration.template import MIN_RUN_USERS, MIN_USERS

DEFAULT_USERS = 10_000


class InputError(Exception):
    """An option or setting is wrong; the message names it and the fix."""


def dataset_users(given: int | None, settings: Mapping[str, str]) -> int:
    """--users, else $SANDBOX_USERS, else 10,000."""
    if given is None:
        text = settings.get("SANDBOX_USERS") or str(DEFAULT_USERS)
        if not text.strip().isdigit():
            raise InputError(f"SANDBOX_USERS={text!r} is not a number of users; set it to e.g. 10000, or unset it")
        given = int(text)
    if given < MIN_RUN_USERS:
        raise InputError(f"--users (or SANDBOX_USERS) must be at least {MIN_RUN_USERS}: the generated dataset needs "
                         f"{MIN_USERS} users, and the window forecast times a second dataset a tenth of --users, "
                         f"at least {MIN_USERS}")
    return given


def check_bindir(settings: Mapping[str, str]) -> None:
    """PG_BINDIR, when set, must hold PostgreSQL's programs."""
    bindir = settings.get("PG_BINDIR")
    if bindir and not any((Path(bindir) / tool).is_file() for tool in ("postgres", "psql")):
        raise InputError(f"PG_BINDIR={bindir}: no PostgreSQL programs there (postgres, initdb, pg_ctl, psql); "
                         "point it at the bin/ of an installation or unset it")


def folder(option: Path | None, setting: str | None, default: Path, name: str, variable: str) -> Path:
    """A folder the run writes into: the option, else the setting, else the default; never a file."""
    chosen = Path(option) if option else Path(setting) if setting else default
    where = name if option else variable if setting else "the default"
    if chosen.exists() and not chosen.is_dir():
        raise InputError(f"{where} {chosen} is a file, not a folder; give a folder (it is created if missing)")
    return chosen
