"""The bare runbook pipeline against the suite's predeploy rehearsal, at several dataset sizes.

    python benchmarks/pipeline.py                        # 10,000, 100,000 and 1,000,000 users
    python benchmarks/pipeline.py --users 10000 100000   # other sizes

(a) bare: a fresh PostgreSQL server, then `psql -f` of the baseline, the dataset generator, the three
    migration scripts, the validation script and the rollback script. No checks.
(b) suite: `pytest -m predeploy` of the rehearsal's gates (scripts apply, validation fails before and
    passes after, data preserved, rollback restores schema and data, re-apply, the guarantees on the
    migrated database) on the same generated data, in its own process with its own server: start-up,
    dataset load and reports included.
Then the window forecast the suite makes from the 100,000- and 10,000-user timings, projected to the
row counts of the largest size, against the window (three scripts and validation) measured in (a).
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from deploygates.dataset.load import generate
from deploygates.migration.baseline import load_baseline
from deploygates.migration.files import SqlSources, resolve_sources
from deploygates.migration.template import DatasetSpec
from deploygates.postgres import Server, start_server
from deploygates.postgres.connections import connect, create_database
from deploygates.postgres.psql import ScriptRun, run_file
from deploygates.readiness.forecast import forecast
from deploygates.readiness.table_rows import Rows, exact_rows
from deploygates.readiness.timing import time_sizes

PROJECT_ROOT = Path(__file__).resolve().parent.parent

REHEARSAL_GATES = (
    "checks/predeploy/test_migration_rehearsal.py",
    "checks/predeploy/test_rollback_rehearsal.py",
    "checks/predeploy/test_validation_preparation.py::test_guarantee_holds_after_rehearsal",
)
TARGET_RATIO_LARGE, TARGET_RATIO_SMALL = 1.3, 3.0  # (b)/(a) at 1,000,000 and at 10,000 users
TARGET_GROWTH = 11.0  # time(1M) / time(100k)
TARGET_FORECAST = 0.25  # relative error of the forecast from 100k against the measured 1M
FORECAST_SIZES = (100_000, 10_000)


@dataclass
class Bare:
    users: int
    window: Rows = field(default_factory=dict)  # per-file seconds of the three scripts and validation
    steps: dict[str, float] = field(default_factory=dict)
    total: float = 0.0
    target_rows: Rows = field(default_factory=dict)
    server: str = ""

    @property
    def rows(self) -> int:
        return sum(n for n in self.target_rows.values() if n > 0)

    @property
    def load_seconds(self) -> float:
        return self.steps["dataset"]


class PipelineError(Exception):
    pass


def checked(run: ScriptRun) -> ScriptRun:
    if not run.ok:
        raise PipelineError(run.summary())
    return run


def bare_pipeline(sources: SqlSources, spec: DatasetSpec) -> Bare:
    """(a): everything the runbook's own commands do, timed step by step, on a fresh server."""
    result = Bare(spec.users)
    started = time.perf_counter()
    server = start_server()
    counting = 0.0
    try:
        result.steps["server start"] = time.perf_counter() - started
        dsn = create_database(server.admin_dsn, "bare_pipeline")
        with connect(dsn) as conn:
            result.server = f"PostgreSQL {conn.info.server_version // 10000} ({server.backend})"
        loaded = load_baseline(server.client_bindir, dsn, sources.baseline)  # the Supabase prelude included
        result.steps["baseline"] = sum(run.seconds for run in loaded.runs)
        result.steps["dataset"] = generate(dsn, spec.users, spec.seed).seconds
        mark = time.perf_counter()
        result.target_rows = exact_rows(dsn)  # not part of the pipeline: excluded from its time
        counting = time.perf_counter() - mark
        for file in (*sources.migrations, sources.validation, sources.rollback):
            seconds = checked(run_file(server.client_bindir, dsn, file)).seconds
            result.steps[file.name] = seconds
            if file != sources.rollback:
                result.window[file.name] = seconds
    finally:
        server.stop()
    result.total = time.perf_counter() - started - counting
    return result


def suite_rehearsal(users: int, seed: int) -> float:
    """(b): the rehearsal's predeploy gates in a pytest process of their own, wall time."""
    with tempfile.TemporaryDirectory(prefix="pipeline-bench-") as scratch:
        env = {key: value for key, value in os.environ.items() if key != "SANDBOX_DATABASE_URL"}
        env.update(GATE_REPORTS=scratch, GATE_RECORDED=scratch)
        argv = [sys.executable, "-m", "pytest", "-m", "predeploy", *REHEARSAL_GATES, "-q", "-p", "no:cacheprovider",
                f"--users={users}", f"--seed={seed}"]
        started = time.perf_counter()
        done = subprocess.run(argv, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise PipelineError(f"the suite's rehearsal failed at {users:,} users (exit {done.returncode}):\n"
                            + "\n".join(done.stdout.splitlines()[-15:]))
    return seconds


def forecast_window(sources: SqlSources, seed: int, target: Rows) -> tuple[float, int, int]:
    """The window (three scripts and validation, no drain) the suite forecasts from FORECAST_SIZES."""
    server: Server = start_server()
    try:
        runs = time_sizes(server.admin_dsn, server.client_bindir, sources, FORECAST_SIZES, seed)
    finally:
        server.stop()
    result = forecast(runs[0], runs[1], target, sources, drain_seconds=0.0)
    return result.window_seconds, runs[0].users, runs[1].users


def verdict(ok: bool) -> str:
    return "meets" if ok else "MISSED"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    sources = resolve_sources()
    sizes = sorted(set(args.users))
    print(f"machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}", flush=True)
    results: list[tuple[Bare, float]] = []
    try:
        for users in sizes:
            bare = bare_pipeline(sources, DatasetSpec(users, args.seed))
            print(f"  (a) {users:>9,} users: {bare.total:7.1f} s  "
                  + ", ".join(f"{step} {seconds:.2f}" for step, seconds in bare.steps.items()), flush=True)
            suite = suite_rehearsal(users, args.seed)
            print(f"  (b) {users:>9,} users: {suite:7.1f} s", flush=True)
            results.append((bare, suite))
    except PipelineError as error:
        print(f"ERROR: {error}", file=sys.stderr)
        return 1
    print(f"\nserver: {results[0][0].server}")
    print(f"{'users':>10} {'rows':>12} {'(a) bare s':>11} {'(b) suite s':>12} {'(b)/(a)':>8} {'target':>8} "
          f"{'load rows/s':>12} {'suite rows/s':>13}")
    for bare, suite in results:
        ratio = suite / bare.total
        limit = TARGET_RATIO_LARGE if bare.users >= 1_000_000 else TARGET_RATIO_SMALL if bare.users <= 10_000 else None
        target = f"≤ {limit}" if limit else "-"
        status = "" if limit is None else f" {verdict(ratio <= limit)}"
        print(f"{bare.users:>10,} {bare.rows:>12,} {bare.total:>11.1f} {suite:>12.1f} {ratio:>8.2f} {target:>8}"
              f"{status:>7} {bare.rows / bare.load_seconds:>12,.0f} {bare.rows / suite:>13,.0f}")
    by_users = {bare.users: (bare, suite) for bare, suite in results}
    if 100_000 in by_users and 1_000_000 in by_users:
        (small_bare, small_suite), (large_bare, large_suite) = by_users[100_000], by_users[1_000_000]
        growth = large_suite / small_suite
        print(f"time(1M)/time(100k): suite {growth:.1f}, bare {large_bare.total / small_bare.total:.1f} "
              f"(target ≤ {TARGET_GROWTH:.0f}: {verdict(growth <= TARGET_GROWTH)})")
    largest = results[-1][0]
    if largest.users > FORECAST_SIZES[0]:
        predicted, big, small = forecast_window(sources, args.seed, largest.target_rows)
        measured = sum(largest.window.values())
        error = (predicted - measured) / measured
        print(f"window forecast from {big:,} and {small:,} users for {largest.users:,}: {predicted:.1f} s; "
              f"measured {measured:.1f} s; error {error:+.0%} (target ±{TARGET_FORECAST:.0%}: "
              f"{verdict(abs(error) <= TARGET_FORECAST)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
