"""What a gate raises when its fact is false or cannot be established, in words an operator acts on.

The pytest layer turns these into a gate's outcome without a Python traceback: `GateFailure` fails the
gate (HOLD, or the verdict it states), `Unmeasured` makes it INCONCLUSIVE (a source could not be
measured; the fact was not checked, so no trigger fired either).
"""

from __future__ import annotations

from typing import NoReturn


class GateFailure(Exception):
    """The gate's fact does not hold, or something it needs failed; the message names what and the fix."""


class Unmeasured(GateFailure):
    """A source the gate needs could not be measured: the verdict is INCONCLUSIVE, never a pass."""


def fail(message: str) -> NoReturn:
    raise GateFailure(message)


def inconclusive(message: str) -> NoReturn:
    """Fail the gate as INCONCLUSIVE (e.g. a test account that cannot sign in for a security gate
    that needs it: the fact was not checked, so its trigger did not fire either)."""
    raise Unmeasured(message)


class Blocked(Exception):
    """The gate cannot run because an earlier step failed. It is reported as blocked by that step (pytest
    shows it skipped, with one line naming the step), never as a failure of its own, and it does not change
    the verdict: the step's own failure does."""

    def __init__(self, step: str, reason: str = "") -> None:
        super().__init__(f"blocked by {step}" + (f": {reason}" if reason else ""))
        self.step, self.reason = step, reason


def blocked(step: str, reason: str = "") -> NoReturn:
    """Stop the gate as blocked by `step` (a gate's node id, or a plain description of the failed step)."""
    raise Blocked(step, reason)
