"""Database CPU (runbook MON30-3 < 80 %, RBCONS-3 > 90 %): PostgreSQL does not report CPU, so the
number comes from outside it, in this order:

1. Prometheus, when [monitoring.promql.database_cpu_ratio] is set and a Prometheus is given: the
   database host's CPU (node exporter, or the cloud provider's exporter), as a share of 0..1.
2. The server's own processes, when the database server runs on this machine (the sandbox): the
   CPU time (/proc/<pid>/stat) of the backends serving the target database during the window,
   divided by the window and the machine's cores. The backends are identified by pg_stat_activity
   and checked to be the server's (their working directory is its data directory).
3. Otherwise no number: inconclusive, naming what to configure.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import psycopg

from deploygates.monitoring.database import sql_text
from deploygates.monitoring.measure import Measurement, unavailable
from deploygates.postgres.connections import limits, read_only_dsn

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
NO_SOURCE = (
    "no source for database CPU: PostgreSQL does not report it. Set [monitoring.promql.database_cpu_ratio] in "
    "thresholds.toml to a PromQL query of the database host's CPU share (node exporter: "
    "1 - avg(rate(node_cpu_seconds_total{mode=\"idle\",instance=\"DB_HOST:9100\"}[$window])); Supabase: its "
    "Prometheus-compatible metrics endpoint) and give --prometheus-url"
)


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process so far, or None if it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime (fields 14 and 15 of stat)


def local_backends(dsn: str) -> dict[int, float] | str:
    """CPU seconds so far of each local server process serving the database, or why there are none."""
    try:
        with psycopg.connect(read_only_dsn(dsn), connect_timeout=limits().connect_timeout) as conn:
            rows = conn.execute(sql_text("database_backends")).fetchall()
    except psycopg.Error as error:
        return f"the database could not be asked for its backends: {str(error).strip()}"
    found: dict[int, float] = {}
    for pid, data_directory in rows:
        try:
            same_server = Path(f"/proc/{pid}/cwd").resolve() == Path(data_directory).resolve()
        except OSError:
            same_server = False
        seconds = cpu_seconds(pid) if same_server else None
        if seconds is not None:
            found[pid] = seconds
    return found or f"{NO_SOURCE} (the database server does not run on this machine)"


class LocalCpu:
    """Two readings of the target's local backends; processes that started in between count from zero."""

    def __init__(self, dsn: str) -> None:
        self.dsn = dsn
        self.before: dict[int, float] | str = {}
        self.started = 0.0

    def begin(self) -> None:
        self.before, self.started = local_backends(self.dsn), time.monotonic()

    def end(self) -> Measurement:
        where = "CPU time of the database's server processes on this machine (/proc)"
        after, seconds = local_backends(self.dsn), time.monotonic() - self.started
        if isinstance(self.before, str) or isinstance(after, str):
            return unavailable(where, self.before if isinstance(self.before, str) else str(after))
        used = sum(cpu - self.before.get(pid, 0.0) for pid, cpu in after.items())
        cores = os.cpu_count() or 1
        share = used / (seconds * cores) if seconds > 0 else 0.0
        return Measurement(share, len(after), where, detail=(
            f"{used:.2f} CPU seconds in {seconds:.1f} s over {cores} cores by {len(after)} backends "
            "(backends that ended within the window are not counted)"))
