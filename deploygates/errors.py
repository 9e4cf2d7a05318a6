"""What a gate raises when its fact is false or cannot be established, in words an operator acts on.

The pytest layer turns these into a gate's outcome without a Python traceback: `GateFailure` fails the
gate (HOLD, or the verdict it states), `Unmeasured` makes it INCONCLUSIVE (a source could not be
measured; the fact was not checked, so no trigger fired either).
"""

from __future__ import annotations

from typing import NoReturn


class GateFailure(Exception):
    """The gate's fact does not hold, or something it needs failed; the message names what and the fix.
    `verdict` states what it means for the night when that is not the gate's own (a rollback trigger met
    while setting up another gate, for instance)."""

    def __init__(self, message: str, verdict: str = "") -> None:
        super().__init__(message)
        self.verdict = verdict


class Unmeasured(GateFailure):
    """A source the gate needs could not be measured: the verdict is INCONCLUSIVE, never a pass."""

    def __init__(self, message: str) -> None:
        super().__init__(message, "INCONCLUSIVE")


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


def describe(error: BaseException) -> tuple[str, bool] | None:
    """An exception of PostgreSQL, the SQL parser, HTTP, Kubernetes or the file system as one operator line,
    and whether it means a source could not be measured (True) rather than a fact that does not hold; None
    for anything else (a bug of the suite keeps its traceback)."""
    module = type(error).__module__
    first = " ".join(str(error).split()) or type(error).__name__
    if module.startswith("psycopg"):
        return describe_postgres(error, first)
    if module.startswith("pglast"):
        return f"PostgreSQL's parser rejects the SQL: {first}; fix the statement it names", False
    if module.startswith(("httpx", "httpcore")):
        return f"the application did not answer: {type(error).__name__}: {first}", True
    if module.startswith(("kubernetes", "urllib3")):
        return f"the Kubernetes API could not be read: {type(error).__name__}: {first}", True
    if isinstance(error, TimeoutError) or type(error).__name__ == "TimeoutExpired":
        return f"timed out: {first}", True
    if isinstance(error, OSError):
        where = f" {error.filename}" if error.filename else ""
        return f"cannot read or run{where}: {error.strerror or first}", False
    return None


def describe_postgres(error: BaseException, first: str) -> tuple[str, bool]:
    name = type(error).__name__
    if name in ("OperationalError", "ConnectionTimeout") or "connection" in name.lower():
        return f"cannot connect to the database: {first}", True
    if name == "QueryCanceled":
        return f"a statement exceeded its timeout: {first}; raise [timeouts] in thresholds.toml if it must", True
    diag = getattr(error, "diag", None)
    hint = f" (hint: {diag.message_hint})" if diag is not None and diag.message_hint else ""
    return f"PostgreSQL refused it: {first}{hint}", False
