"""Load the generated pre-migration dataset at a given scale and print the load time and rows/s.

    python benchmarks/dataset_load.py --users 100000
"""

from __future__ import annotations

import argparse
import sys
import time

from deploygates.migration.files import resolve_sources
from deploygates.migration.template import DatasetSpec, load_dataset
from deploygates.postgres import start_server
from deploygates.postgres.connections import connect, create_database
from deploygates.postgres.psql import run_file

ROW_COUNT = """
SELECT sum(n_live_tup)::bigint FROM pg_stat_user_tables WHERE schemaname IN ('public', 'auth')
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    server = start_server()
    try:
        dsn = create_database(server.admin_dsn, "dataset_benchmark")
        for file in resolve_sources().baseline:
            if not (run := run_file(server.client_bindir, dsn, file)).ok:
                print(run.summary(), file=sys.stderr)
                return 1
        started = time.perf_counter()
        run = load_dataset(server.client_bindir, dsn, DatasetSpec(args.users, args.seed))
        seconds = time.perf_counter() - started
        if not run.ok:
            print(run.summary(), file=sys.stderr)
            return 1
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
