"""A corpus case: a team's migration set as written, or with one defect, and what `pytest -m predeploy`
must say about it (tests/corpus/<team>/cases.toml)."""

from __future__ import annotations

import shutil
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from tests.corpus.build import TEAMS, Team

CORPUS_USERS = "100"


@dataclass(frozen=True)
class Edit:
    file: str
    find: str
    replace: str


@dataclass(frozen=True)
class Case:
    team: Team
    name: str
    description: str
    verdict: str
    caught_by: tuple[str, ...] = ()
    edits: tuple[Edit, ...] = ()
    replace: dict[str, str] = field(default_factory=dict)  # file under test -> file of the team's defects/
    backup: bool = False
    pending: str = ""
    rehearsed: bool = True  # False: a gate before the rehearsal (the parse gate) stops it, so it has no data note

    @property
    def rehearsed_on(self) -> str:
        """What the rehearsal's data note must say: the restored backup, or generated data."""
        return "restored backup" if self.backup else "generated dataset"

    @property
    def id(self) -> str:
        return f"{self.team.name}-{self.name}"

    def files(self, workdir: Path) -> Path:
        """The team's files under test, with this case's defect, in `workdir`."""
        target = workdir / self.team.name
        shutil.copytree(self.team.directory, target, ignore=shutil.ignore_patterns("defects", "cases.toml"))
        for name, defect in self.replace.items():
            shutil.copyfile(self.team.directory / defect, target / name)
        for edit in self.edits:
            path = target / edit.file
            text = path.read_text()
            if text.count(edit.find) != 1:
                raise ValueError(f"{self.id}: {edit.file} must hold exactly one {edit.find!r}")
            path.write_text(text.replace(edit.find, edit.replace))
        return target

    def arguments(self, workdir: Path, baseline: Path, backup: Path | None) -> list[str]:
        """The one command line a new user types, in its --option=value form."""
        files = self.files(workdir)
        given = [f"--baseline={baseline}", f"--migrations={files / 'migrations'}",
                 f"--validation={files / 'validate.sql'}", f"--rollback={files / 'rollback.sql'}",
                 f"--users={CORPUS_USERS}", f"--recorded={workdir / 'recorded'}"]
        return [*given, f"--backup={backup}"] if self.backup and backup else given


def load_cases() -> list[Case]:
    cases = []
    for team in TEAMS.values():
        for raw in tomllib.loads((team.directory / "cases.toml").read_text())["case"]:
            edits = tuple(Edit(**edit) for edit in raw.pop("edit", ()))
            caught = tuple(raw.pop("caught_by", ()))
            cases.append(Case(team, edits=edits, caught_by=caught, **raw))
    return cases
