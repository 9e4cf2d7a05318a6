"""The root causes of a verdict in plain words: what happened, what it means for users, what to do next.

verdict.json lists them under `root_causes` (the gates that failed for a reason of their own; gates blocked
by an earlier step are not among them). A verdict written before that list existed is read too: its root
causes are then the items whose verdict is neither GO nor BLOCKED.
"""

from __future__ import annotations

import re
import shlex
import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Any

from deploygates import resources
from deploygates.manifest.phases import phases_in
from deploygates.manifest.runbook import load_manifest
from deploygates.secrets import redact
from deploygates.verdict import PRECEDENCE

MEANING_FILE = resources.PACKAGE_DIR / "reporting" / "meaning.toml"
MESSAGE_LINES = 12
NOT_CAUSES = ("GO", "BLOCKED")
PYTEST_EXPLANATION = re.compile(r"^assert\b")
VERDICT_SECTION = re.compile(r"^-{5,} verdict -{5,}$")
XDIST_NODE = re.compile(r"^\[gw\d+\] \S+ -- Python ")  # xdist's first line of a worker's failure
EXCEPTION_PREFIX = re.compile(r"^(AssertionError|Failed|GateFailure|Unmeasured): ?")


@dataclass(frozen=True)
class Cause:
    nodeid: str
    title: str
    verdict: str
    runbook: tuple[str, ...]
    message: str  # operator words, first lines
    meaning: str  # what it means for users
    next_step: str  # what to do next: the runbook step and how to run the gate again


@cache
def meanings() -> dict[str, str]:
    return {str(key): str(value) for key, value in tomllib.loads(MEANING_FILE.read_text()).items()}


def home_item(runbook: tuple[str, ...], markexpr: str) -> str:
    """The gate's item of the phase that ran (a gate linked to ENV-3 and UX-4 rehearses the night before)."""
    manifest, phases = load_manifest(), phases_in(markexpr)
    return next((link for link in runbook if link in manifest and manifest[link].phase in phases),
                runbook[0] if runbook else "")


def meaning_of(item_id: str, verdict: str = "HOLD") -> str:
    """What it means for users; for a gate that could not check its fact, what it would mean if it failed."""
    meaning = meanings().get(item_id.rsplit("-", 1)[0], meanings()["default"])
    if verdict == "INCONCLUSIVE":
        return f"Not known: the gate could not check this. If it does not hold: {meaning[:1].lower()}{meaning[1:]}"
    return meaning


def without_title(message: str, title: str) -> str:
    """The message without a first line that only repeats the gate's title (a checkpoint's `Title [id] → X`)."""
    first, _, rest = message.partition("\n")
    named = title.split(" [", 1)[0].rstrip(".")
    return rest.lstrip("\n") if named and first.startswith(named) and rest.strip() else message


def operator_words(message: str, limit: int = MESSAGE_LINES) -> str:
    """A gate's message as an operator reads it: its own words, without pytest's source listing, its
    `assert a == b` explanation or the verdict section."""
    lines = [line for line in message.splitlines() if not XDIST_NODE.match(line)]
    asserted = [line[1:].strip() for line in lines if line.startswith("E ")]
    if asserted:  # pytest's report of a failed assert: the message is on its E lines, then its explanation
        explanation = next((n for n, line in enumerate(asserted) if PYTEST_EXPLANATION.match(line)), len(asserted))
        lines = asserted[:explanation]
    kept: list[str] = []
    for line in lines:
        if line.startswith("gate verdict") or VERDICT_SECTION.match(line.strip()):
            break
        kept.append(EXCEPTION_PREFIX.sub("", line.strip()) if not kept else line.rstrip())
    while kept and not kept[-1].strip():
        kept.pop()
    return redact("\n".join(kept[:limit]) + ("\n…" if len(kept) > limit else ""))


def next_step(item_id: str, verdict: str, rerun: str) -> str:
    """The runbook step, and what to do about it for this verdict."""
    item = load_manifest().get(item_id)
    again = rerun
    if item is None:
        return f"Fix what the message names, then `{again}`."
    if item.kind == "signoff":
        return (f"Runbook {item.id} (line {item.line}): {item.title}. A person attests it: "
                f"`deploygates signoff record {item.id} ...`, then `{again}`.")
    if verdict in ("ROLLBACK_NOW", "CONSIDER_ROLLBACK"):
        return f"Runbook {item.id} (line {item.line}): {item.title}. Follow the rollback procedure above."
    if verdict == "INCONCLUSIVE":
        return (f"Runbook {item.id} (line {item.line}): {item.title}. Provide what the message says is "
                f"missing, then `{again}`.")
    return f"Runbook {item.id} (line {item.line}): {item.title}. Fix what the message names, then `{again}`."


def rerun(verdict: dict[str, Any]) -> str:
    """The command that runs the same gates again."""
    target = str(verdict.get("target", "sandbox")).split(" ", 1)[0] or "sandbox"
    markexpr = str(verdict.get("markexpr") or "")
    selection = f"-m {shlex.quote(markexpr)} " if markexpr else ""
    return f"pytest {selection}--target {target}"


def root_causes(verdict: dict[str, Any]) -> list[Cause]:
    """The verdict's root causes, read from `root_causes` when it has them, else from its items."""
    listed = verdict.get("root_causes")
    entries = listed if isinstance(listed, list) else [
        item for item in verdict.get("items", []) if isinstance(item, dict) and item.get("verdict") not in NOT_CAUSES]
    again, markexpr = rerun(verdict), str(verdict.get("markexpr") or "")
    causes = []
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        runbook = tuple(str(link) for link in entry.get("runbook") or ())
        name, home = str(entry.get("verdict", "HOLD")), home_item(runbook, markexpr)
        title = str(entry.get("title") or entry.get("nodeid", ""))
        words = without_title(operator_words(str(entry.get("message") or "")), title)
        causes.append(Cause(str(entry.get("nodeid", "")), title, name, runbook,
                            words or "no result: the gate did not run", meaning_of(home, name),
                            next_step(home, name, again)))
    return sorted(causes, key=lambda cause: PRECEDENCE.index(cause.verdict) if cause.verdict in PRECEDENCE else 0)
