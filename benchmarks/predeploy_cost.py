"""The cost of the rehearsal's proofs (issue 15): `pytest -m predeploy` at 10,000 users with the gates of an
earlier commit (default: where this branch left main) and with the gates of this checkout, in the same run, on
the same scratch server, alternating (ABBA) so that whatever else the machine does weighs on both alike.

    python benchmarks/predeploy_cost.py [--users 10000] [--rounds 2] [--base main]

The earlier commit is exported with `git archive` into a temporary folder (no worktree is touched). One scratch
PostgreSQL serves every run, and a first, untimed run builds the pre-migration template both reuse (its
content does not depend on the gates). Prints each run's wall time and gate count, the medians, and the ratio.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(CHECKOUT))

from deploygates.postgres import start_server  # noqa: E402

TARGET = 1.3


def export(revision: str, into: Path) -> Path:
    """The files of `revision` in a folder of their own (git archive: no worktree, no checkout changed)."""
    base = subprocess.run(["git", "-C", str(CHECKOUT), "merge-base", "HEAD", revision], capture_output=True,
                          text=True, check=True).stdout.strip()
    archive = subprocess.run(["git", "-C", str(CHECKOUT), "archive", base], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    (into / "node_modules").symlink_to(CHECKOUT / "node_modules")  # the report tooling, if a gate wants it
    return into


def predeploy(root: Path, users: int, dsn: str, work: Path) -> tuple[float, str]:
    """One `pytest -m predeploy` from `root`: its wall time and its summary line."""
    env = {**os.environ, "SANDBOX_DATABASE_URL": dsn, "GATE_RECORDED": str(work / "recorded")}
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "pytest", "-m", "predeploy", "--users", str(users), "-q",
                           "-p", "no:cacheprovider", f"--reports-dir={work / 'reports'}"],
                          cwd=root, env=env, capture_output=True, text=True, timeout=3600, check=False)
    seconds = time.monotonic() - started
    summary = next((line for line in reversed(done.stdout.splitlines()) if re.search(r"\d+ passed", line)), "")
    if done.returncode != 0:
        summary += f" (exit {done.returncode}: {done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ''})"
    return seconds, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--base", default="main", help="the revision whose gates are 'before' (its merge-base)")
    args = parser.parse_args()
    server = start_server()
    try:
        with tempfile.TemporaryDirectory(prefix="predeploy-cost-") as folder:
            scratch = Path(folder)
            (scratch / "before").mkdir()
            roots = {"before": export(args.base, scratch / "before"), "after": CHECKOUT}
            warm = predeploy(CHECKOUT, args.users, server.admin_dsn, scratch / "warm")[0]
            print(f"warm-up (builds the {args.users:,}-user template): {warm:.1f} s", flush=True)
            times: dict[str, list[float]] = {"before": [], "after": []}
            for round_ in range(args.rounds):
                order = ("before", "after") if round_ % 2 == 0 else ("after", "before")
                for name in order:
                    seconds, summary = predeploy(roots[name], args.users, server.admin_dsn, scratch / f"{name}{round_}")
                    times[name].append(seconds)
                    print(f"round {round_ + 1} {name:6}: {seconds:7.1f} s  {summary}", flush=True)
    finally:
        server.stop()
    medians = {name: statistics.median(found) for name, found in times.items()}
    ratio = medians["after"] / medians["before"]
    print(f"median before {medians['before']:.1f} s, after {medians['after']:.1f} s: {ratio:.2f}x "
          f"(target <= {TARGET}x: {'met' if ratio <= TARGET else 'NOT met'})")


if __name__ == "__main__":
    main()
