"""Before against after, in words: what each sampled user reads of a table and what they may write to it, on
the rehearsal's pre-migration clone and on its migrated one."""

from __future__ import annotations

from deploygates.errors import Unmeasured
from deploygates.proofs.observer import Observations, Stage

SHOWN = 12  # users or writes in a message; the rest are counted


def stages(observations: Observations, *proofs: str) -> tuple[Stage, Stage]:
    """The before and migrated stages; Unmeasured when a proof could not run in either, or when no user could
    be sampled (anon alone proves little)."""
    problems = [f"{where}: {problem}" for where, problem in observations.problems.items()
                if where.split(": ", 1)[1] in (*proofs, "sampling users")]
    if problems:
        raise Unmeasured("the rehearsal could not observe it: " + "; ".join(problems))
    return observations.stages["before"], observations.stages["migrated"]


def policy_errors(observations: Observations, table: str) -> list[str]:
    """Reads of `table` that fail after the migration (not before) because of its policies, one per error."""
    before, after = stages(observations, "access")
    now = {u.id: after.access[u.id].get(table) for u in observations.users}
    return sorted({str(read) for uid, read in now.items()
                   if isinstance(read, str) and read != before.access[uid].get(table)})


def read_changes(observations: Observations, table: str) -> list[str]:
    """Users who read other rows of `table` after the migration than before: rows before, rows now."""
    before, after = stages(observations, "access")
    changed = []
    for user in observations.users:
        old, new = before.access[user.id].get(table), after.access[user.id].get(table)
        if old != new and not isinstance(new, str):
            changed.append(f"{user}: {rows(old)} before, {rows(new)} now")
    return changed


def rows(found: object) -> str:
    if isinstance(found, list) and found and found[0] == -1:
        return "no read access"
    if isinstance(found, list) and found:
        return f"{found[0]} rows"
    return str(found) if found is not None else "not read"


def write_changes(observations: Observations, table: str) -> list[str]:
    """Writes to `table` whose outcome differs after the migration: who, what, before and now."""
    before, after = stages(observations, "writes")
    changed = []
    for user in observations.users:
        old, new = before.writes.get(user.id, {}).get(table, {}), after.writes.get(user.id, {}).get(table, {})
        for operation, (code, words) in new.items():
            was = old.get(operation, ["not tried", "not tried"])
            if was[0] != code:
                changed.append(f"{user} {operation}: {was[1]} before, {words} now")
    return changed


def shown(lines: list[str]) -> str:
    more = f"\n… {len(lines) - SHOWN} more" if len(lines) > SHOWN else ""
    return "\n".join(f"  {line}" for line in lines[:SHOWN]) + more
