"""The run's verdict: GO, HOLD, CONSIDER_ROLLBACK, ROLLBACK_NOW or INCONCLUSIVE, from every gate's
result, with the evidence per item and what to do next (deploygates/procedure.py: the runbook's rollback
procedure, corrected where the suite's gates contradict it, with the values that triggered it).

Per gate: passed → GO; failed → the verdict the test stated (a monitoring row says which level it
crossed; a source that could not be measured says INCONCLUSIVE), else its trigger marker's (rollback_now,
consider_rollback), else HOLD; an error in something the gate needs → likewise, HOLD unless stated; blocked by
an earlier step → BLOCKED, which does not count: the step's own failure is the root cause; a skip or no
result at all → INCONCLUSIVE.

Precedence, most severe first: ROLLBACK_NOW > CONSIDER_ROLLBACK > INCONCLUSIVE > HOLD > GO.
A measured rollback trigger stands whatever else is unknown: missing data elsewhere cannot make it
better. INCONCLUSIVE ranks above HOLD because what could not be measured may be a rollback trigger
(an unmeasured login failure rate may be 12 %), while HOLD says only that a known, non-trigger gate
failed. Nothing, or nothing measured, is never GO.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from deploygates import resources
from deploygates.monitoring.measure import show
from deploygates.procedure import procedure
from deploygates.secrets import redact

PRECEDENCE = ("ROLLBACK_NOW", "CONSIDER_ROLLBACK", "INCONCLUSIVE", "HOLD", "GO")
# pytest keeps 0 (GO: every gate passed), 1 (HOLD: gates failed), 2 (interrupted), 3 (internal error),
# 4 (usage error) and 5 (nothing collected); the trigger verdicts get codes pytest never uses.
EXIT_CODES = {"GO": 0, "HOLD": 1, "INCONCLUSIVE": 10, "CONSIDER_ROLLBACK": 11, "ROLLBACK_NOW": 12}
TRIGGERS = {"rollback_now": "ROLLBACK_NOW", "consider_rollback": "CONSIDER_ROLLBACK"}
MESSAGE_LIMIT = 2000
XDIST_NODE = re.compile(r"^\[gw\d+\] \S+ -- Python ")  # xdist's first line of a worker's failure


def gate_verdict(outcome: str, stated: str = "", trigger: str = "") -> str:
    """What one gate's result means for the night: passed → GO; failed → the verdict the test stated, else
    its trigger's, else HOLD; an error in what the gate needs → the verdict it stated, else HOLD; blocked by an
    earlier step → BLOCKED (that step's own result decides); a skip or no result at all → INCONCLUSIVE."""
    if outcome == "passed":
        return "GO"
    if outcome == "blocked":
        return "BLOCKED"
    if outcome == "failed":
        return stated or TRIGGERS.get(trigger, "HOLD")
    if outcome == "error":
        return stated or "HOLD"
    return "INCONCLUSIVE"


@dataclass
class ItemResult:
    nodeid: str
    title: str = ""
    runbook: tuple[str, ...] = ()
    trigger: str = ""
    outcome: str = "not run"  # passed, failed, error, blocked, skipped, not run
    stated: str = ""  # the verdict the test itself recorded
    message: str = ""
    evidence: dict[str, Any] = field(default_factory=dict)
    blocked_by: str = ""  # the earlier step that kept this gate from running
    # what the gate measured against its threshold, passed or not: {what, measured, threshold, verdict}
    measurements: list[dict[str, str]] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        return gate_verdict(self.outcome, self.stated, self.trigger)

    def as_json(self) -> dict[str, Any]:
        return {"nodeid": self.nodeid, "title": self.title, "runbook": list(self.runbook), "trigger": self.trigger,
                "outcome": self.outcome, "verdict": self.verdict, "message": redact(self.message)[:MESSAGE_LIMIT],
                "evidence": self.evidence, "measurements": self.measurements,
                **({"blocked_by": self.blocked_by} if self.blocked_by else {})}

    def headline(self, lines: int = 4) -> str:
        """The message's first meaningful lines, in the gate's own words (no verdict line, no pytest frame)."""
        meaningful = [line.rstrip() for line in redact(self.message).splitlines() if line.strip()
                      and not line.startswith(("gate verdict:", "---", "[gw"))]
        return "\n".join(line.removeprefix("E   ").removeprefix("E ") for line in meaningful[:lines])


def combine(verdicts: list[str]) -> str:
    """The most severe verdict of the gates that ran or should have (a blocked gate defers to what blocked it);
    no verdict at all is INCONCLUSIVE."""
    decided = [verdict for verdict in verdicts if verdict != "BLOCKED"]
    return min(decided, key=PRECEDENCE.index) if decided else "INCONCLUSIVE"


def root_causes(items: list[ItemResult]) -> list[ItemResult]:
    """The gates that did not pass for a reason of their own, most severe first (blocked gates are not)."""
    own = [item for item in items if item.verdict not in ("GO", "BLOCKED")]
    return sorted(own, key=lambda item: PRECEDENCE.index(item.verdict))


def cause_json(item: ItemResult) -> dict[str, Any]:
    return {"nodeid": item.nodeid, "title": item.title, "verdict": item.verdict, "runbook": list(item.runbook),
            "message": item.headline(), "evidence": item.evidence}


def reason(verdict: str, items: list[ItemResult]) -> str:
    deciding = [item for item in items if item.verdict == verdict]
    if verdict == "GO":
        return f"all {len(items)} gates passed" if items else "no gate ran"
    if not deciding:
        return "no gate ran"
    names = ", ".join(item.evidence.get("row") or item.nodeid.rsplit("::", 1)[-1] for item in deciding[:3])
    more = f" and {len(deciding) - 3} more" if len(deciding) > 3 else ""
    blocked, causes = sum(item.verdict == "BLOCKED" for item in items), len(root_causes(items))
    behind = (f"; {blocked} more blocked by {'this root cause' if causes == 1 else f'the {causes} root causes'}"
              if blocked else "")
    return f"{len(deciding)} of {len(items)} gates: {names}{more}{behind}"


def headline(message: str) -> str:
    """The first line of a gate's message an operator reads (pytest's `E ` assertion line when there is one)."""
    meaningful = [line.strip() for line in message.splitlines()
                  if line.strip() and not line.startswith("gate verdict") and not XDIST_NODE.match(line)]
    return next((line.removeprefix("E").strip() for line in meaningful if line.startswith("E ")),
                meaningful[0] if meaningful else "")[:300]


def measured(item: ItemResult) -> str:
    """What a deciding gate measured, against which threshold: the value that triggered a rollback verdict."""
    found = item.evidence
    name = (item.title or item.nodeid.rsplit("::", 1)[-1]).rstrip(".")
    if found.get("value") is not None:
        return (f"{name}: {show(float(found['value']), str(found.get('unit', 'count')))} from {found.get('samples')} "
                f"samples against {found.get('thresholds')}")
    failing = [m for m in item.measurements if m.get("verdict") != "pass"] or item.measurements
    if failing:
        return f"{name}: {failing[0]['measured']} against {failing[0]['threshold']}"
    return f"{name}: {headline(item.message) or 'failed'}"


def document(items: list[ItemResult], context: dict[str, Any], deployed: tuple[datetime | None, str],
             now: datetime, note: str = "", *, target: str = "production",
             rollback_file: str = resources.ROLLBACK_FILE.name) -> dict[str, Any]:
    verdict = "INCONCLUSIVE" if note else combine([item.verdict for item in items])
    counts = {name: sum(item.verdict == name for item in items) for name in (*PRECEDENCE, "BLOCKED")}
    triggered = [redact(measured(item)) for item in items if item.verdict == verdict]
    return {
        "verdict": verdict, "exit_code": EXIT_CODES[verdict], "reason": note or reason(verdict, items),
        **context, "finished_at": now.isoformat(),
        "root_causes": [cause_json(item) for item in root_causes(items)], "counts": counts,
        "blocked": [{"nodeid": item.nodeid, "by": item.blocked_by} for item in items if item.verdict == "BLOCKED"],
        "recommended": procedure(verdict, deployed[0], now, deployed[1], triggered_by=triggered, target=target,
                                 rollback_file=rollback_file),
        "items": [item.as_json() for item in items],
    }


def write_verdict(path: Path, content: dict[str, Any]) -> None:
    """Write atomically: a reader sees the previous verdict or this one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".verdict-")
    with os.fdopen(handle, "w") as out:
        json.dump(content, out, indent=2, default=str)
    os.replace(temporary, path)
