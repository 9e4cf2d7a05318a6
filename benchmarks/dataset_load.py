"""Load the generated pre-migration dataset at a given scale and print the load time and rows/s.

    python benchmarks/dataset_load.py --users 100000
    python benchmarks/dataset_load.py --users 1000 --baseline tests/corpus/…/schema.sql

The baseline (the Supabase prelude and the files, the repository's reference set by default) is loaded
first and not timed; the time is the generator's alone (deploygates/dataset/).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from deploygates.dataset.load import generate
from deploygates.migration.baseline import BaselineError, load_baseline
from deploygates.migration.files import resolve_sources
from deploygates.postgres import start_server
from deploygates.postgres.connections import connect, create_database

ROW_COUNT = """
SELECT sum(n_live_tup)::bigint FROM pg_stat_user_tables WHERE schemaname IN ('public', 'auth')
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--baseline", type=Path, help="a baseline file or folder (default: the reference set)")
    args = parser.parse_args()
    server = start_server()
    try:
        dsn = create_database(server.admin_dsn, "dataset_benchmark")
        try:
            load_baseline(server.client_bindir, dsn, resolve_sources(args.baseline).baseline)
        except BaselineError as error:
            print(error, file=sys.stderr)
            return 1
        started = time.perf_counter()
        report = generate(dsn, args.users, args.seed)
        seconds = time.perf_counter() - started
        for problem in report.problems:
            print(f"note         {problem}")
        with connect(dsn) as conn:
            rows = conn.execute(ROW_COUNT).fetchone()[0]  # type: ignore[index]
        print(f"backend      {server.backend}")
        print(f"users        {args.users:,}")
        print(f"rows loaded  {rows:,}")
        print(f"load time    {seconds:.1f} s")
        print(f"rows/s       {rows / seconds:,.0f}")
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
