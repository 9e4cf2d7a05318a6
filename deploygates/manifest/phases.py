"""The runbook's phases, and the state the night leaves the platform and the database in for each.

`-m predeploy` gates the night before (nothing migrated yet), `-m migration` the window after the scripts
ran (the application still down), `-m deployment` and `-m postdeploy` the rollout, `-m rollback` the
return. A local stand-in for production is prepared in the state the selected phases expect.
"""

from __future__ import annotations

from enum import Enum

PHASES = ("predeploy", "migration", "deployment", "postdeploy", "rollback")


class SandboxState(Enum):
    PRE_MIGRATION = "pre-migration"
    IN_WINDOW = "in-window"  # scripts ran, application still down in maintenance mode
    MIGRATED = "migrated"
    ROLLED_BACK = "rolled-back"


def phases_in(markexpr: str) -> set[str]:
    """The phase markers a marker expression names (`not` and `and` are not phases)."""
    return set(markexpr.replace("(", " ").replace(")", " ").split()) & set(PHASES)


def state_for(markexpr: str) -> SandboxState:
    """The sandbox state a marker expression asks for: `-m rollback` → rolled back, only
    `-m predeploy` → pre-migration, only `-m migration` → in the window (migrated, app down),
    anything else → migrated and deployed (the night's normal order). Words that are not phases
    (`-m "predeploy and not destructive"`) do not count."""
    words = phases_in(markexpr)
    if "rollback" in words:
        return SandboxState.ROLLED_BACK
    if words == {"predeploy"}:
        return SandboxState.PRE_MIGRATION
    if words == {"migration"}:
        return SandboxState.IN_WINDOW
    return SandboxState.MIGRATED
