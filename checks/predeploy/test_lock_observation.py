"""Pre-deployment: the migration scripts' locks, observed under simulated application traffic.

The runbook scales the application to zero for the window, so no user waits on these locks
tonight; the simulation tells what would happen if it were not (a replica left running, a cron
job, a forgotten client), and catches a script that locks a large table for long.
"""

import pytest

from deploygates.manifest.thresholds import Phase1
from deploygates.readiness.locks import LockObservation
from deploygates.readiness.table_rows import Rows
from deploygates.reporting.attachments import attach_measurements, attach_table, verdict

pytestmark = [pytest.mark.predeploy, pytest.mark.destructive, pytest.mark.runbook("ENV-3"),
              pytest.mark.runbook("STEP2-1")]


def test_no_long_access_exclusive_lock_on_large_tables(lock_observation: LockObservation, target_rows: Rows,
                                                       phase1: Phase1) -> None:
    """No script holds an ACCESS EXCLUSIVE lock on a large table for longer than the threshold."""
    large, limit = phase1.lock_large_table_rows, phase1.lock_max_access_exclusive_seconds
    attach_table("ACCESS EXCLUSIVE locks held, longest first", ("table", "seconds held", "rows at the target",
                 "verdict"), [(hold.relation, f"{hold.seconds:.2f}", target_rows.get(hold.relation, 0),
                               verdict(target_rows.get(hold.relation, 0) <= large or hold.seconds <= limit))
                              for hold in lock_observation.access_exclusive()])
    long_holds = [
        f"{hold.relation} ({target_rows.get(hold.relation, 0):,} rows at the target) held {hold.seconds:.2f} s"
        for hold in lock_observation.access_exclusive()
        if target_rows.get(hold.relation, 0) > large and hold.seconds > limit
    ]
    assert not long_holds, (f"ACCESS EXCLUSIVE longer than {limit:g} s on tables over {large:,} rows "
                            f"({lock_observation.samples} samples):\n" + "\n".join(long_holds))


def test_application_traffic_never_waits_long_for_a_lock(lock_observation: LockObservation, phase1: Phase1) -> None:
    """No simulated application request waits longer than the threshold for a lock the scripts hold."""
    wait, limit = lock_observation.longest_wait(), phase1.lock_max_blocked_wait_seconds
    attach_measurements("longest lock wait of the simulated traffic", [(
        f"longest wait ({lock_observation.traffic_requests} requests, {lock_observation.samples} samples)",
        f"{wait.seconds:.2f} s for {wait.mode} on {wait.relation}" if wait else "no request waited",
        f"{limit:g} s", verdict(wait is None or wait.seconds <= limit))])
    assert wait is None or wait.seconds <= limit, (
        f"a request waited {wait.seconds:.2f} s for {wait.mode} on {wait.relation} (limit {limit:g} s; "
        f"{lock_observation.blocked_sessions()} sessions blocked, {lock_observation.samples} samples, "
        f"{lock_observation.traffic_requests} requests)"
    )
