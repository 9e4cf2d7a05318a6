"""The fault catalog's vocabulary: a Fault, and helpers that write faulty copies of files under test.

Faults live in the other modules of this package, each exporting a tuple FAULTS; the harness
(test_fault_catalog.py) runs every one. A fault's `build` writes what it needs into a scratch
directory and returns the extra command-line arguments that point the gate suite at it;
`caught_by` is the exact set of gate tests (node ids) that must fail: the root causes (a gate that cannot
run because an earlier step failed is blocked by it, reported skipped, and not in the set); `blocked`
(when given) the exact set of those blocked ones; `marker` the phase run, and `verdict` (when given) the
run's verdict in verdict.json, whose exit code the run must end with (deploygates/verdict.py).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from deploygates import resources


@dataclass(frozen=True)
class Fault:
    name: str
    description: str
    build: Callable[[Path], list[str]]
    caught_by: frozenset[str]
    marker: str = "predeploy"
    verdict: str | None = None
    blocked: frozenset[str] | None = None  # when given: exactly the gates blocked by the root causes


def before_commit(text: str, statement: str) -> str:
    """Insert a statement before the script's final COMMIT (the scripts run in one transaction)."""
    matches = list(re.finditer(r"^\s*COMMIT\s*;", text, flags=re.IGNORECASE | re.MULTILINE))
    if not matches:
        raise ValueError("the script has no COMMIT; to insert the fault before")
    at = matches[-1].start()
    return text[:at] + statement + "\n" + text[at:]


def patched_migrations(suffix: str, statement: str) -> Callable[[Path], list[str]]:
    """--migrations pointing at a copy whose script ending in `suffix` runs `statement` before COMMIT."""
    def build(workdir: Path) -> list[str]:
        target = workdir / "migrations"
        shutil.copytree(resources.MIGRATIONS_DIR, target)
        (script,) = target.glob(f"*{suffix}")
        script.write_text(before_commit(script.read_text(), statement))
        return ["--migrations", str(target)]
    return build


def patched_file(option: str, source: Path, statement: str) -> Callable[[Path], list[str]]:
    """`option` pointing at a copy of `source` that runs `statement` before its COMMIT."""
    def build(workdir: Path) -> list[str]:
        target = workdir / source.name
        target.write_text(before_commit(source.read_text(), statement))
        return [option, str(target)]
    return build


def replaced_file(option: str, source: Path, content: str) -> Callable[[Path], list[str]]:
    """`option` pointing at a file named like `source` holding `content` instead."""
    def build(workdir: Path) -> list[str]:
        target = workdir / source.name
        target.write_text(content)
        return [option, str(target)]
    return build


def after_begin(text: str, statement: str) -> str:
    """Insert a statement right after the script's first BEGIN (before anything it would otherwise drop)."""
    found = re.search(r"^\s*BEGIN\s*;", text, flags=re.IGNORECASE | re.MULTILINE)
    if found is None:
        raise ValueError("the script has no BEGIN; to insert the fault after")
    return text[:found.end()] + "\n" + statement + "\n" + text[found.end():]


def migration_with_undo(suffix: str, statement: str, undo: str = "", at_end: str = "",
                        pgtap: Path | None = None) -> Callable[[Path], list[str]]:
    """--migrations whose script ending in `suffix` runs `statement` before its COMMIT, and --rollback that
    undoes it first thing (`undo`) or last (`at_end`): the fault is the migration's alone, the rollback exact;
    `pgtap` adds --pgtap DIR."""
    def build(workdir: Path) -> list[str]:
        args = patched_migrations(suffix, statement)(workdir)
        rollback = workdir / resources.ROLLBACK_FILE.name
        text = resources.ROLLBACK_FILE.read_text()
        text = after_begin(text, undo) if undo else text
        rollback.write_text(before_commit(text, at_end) if at_end else text)
        return [*args, "--rollback", str(rollback), *(["--pgtap", str(pgtap)] if pgtap else [])]
    return build
