"""Time every read-only query the suite runs against a real target, at a given scale, and print the slowest plans.

    python benchmarks/target_queries.py --users 100000

The queries are enumerated from the files and functions the gates use on staging and production
(sql/checks, sql/metrics, sql/reports, sql/prerequisites, sql/monitoring, sql/access and the row
fingerprint the access gates take as each sampled user, sql/catalog, sql/phase1, sql/smoke, and the
validation script the runbook runs with psql), so a new file is benchmarked without touching this
script. Each runs where the suite runs it: the pre-migration gates against a pre-migration clone,
the others against a migrated clone, both ANALYZEd, through the suite's read-only session settings.
Set SANDBOX_DATABASE_URL to a server that keeps its templates between runs (1,000,000 users take
minutes to generate).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from deploygates.access.impersonation import ACCESS_SQL, PER_KIND, SampledUser, impersonating, sample_users
from deploygates.http.capture import COACH_PRACTITIONERS_SQL
from deploygates.manifest.phases import SandboxState
from deploygates.migration.files import SqlSources, resolve_sources
from deploygates.migration.snapshot import FINGERPRINT_DIR, catalog_queries, read_catalog, table_columns
from deploygates.migration.states import prepare_sandbox
from deploygates.migration.tables import baseline_tables
from deploygates.migration.template import DatasetSpec
from deploygates.monitoring import database as monitoring
from deploygates.monitoring.business import METRICS, sandbox_as_of
from deploygates.monitoring.plugin import SANDBOX_EXTENSION
from deploygates.postgres import Server, start_server
from deploygates.postgres.connections import connect, drop_database
from deploygates.postgres.psql import run_file
from deploygates.postgres.queries import CHECKS_DIR, FETCHED_ROWS, REPORTS_DIR
from deploygates.readiness.prerequisites import QUERIES as PREREQUISITES
from deploygates.readiness.prerequisites import load_prerequisites, with_search_path
from deploygates.target import TargetDatabase
from fixtures import table_rows

BUDGET_MS = 100.0
PRE, MIGRATED = SandboxState.PRE_MIGRATION, SandboxState.MIGRATED
# Files of the directories above the suite never runs against a real target, and why.
NOT_ON_A_REAL_TARGET = {
    "access/as_user_read_only": "the impersonation itself (set_config), run before each impersonated query",
    "access/whoami": "read by the suite's own tests only",
    "monitoring/sandbox_pg_stat_statements": "writes; the sandbox installs its extension",
    "monitoring/latest_activity": "the sandbox's clock only (a real target is read as of now)",
    "monitoring/database_backends": "the sandbox's CPU reading only (local server processes)",
}


@dataclass
class Query:
    name: str
    state: SandboxState
    text: str | sql.Composed
    params: dict[str, object] | None = None
    user: SampledUser | None = None  # read as this user (RLS), as the access gates do
    cursor: bool = False  # through run_check's server-side cursor (cursor_tuple_fraction=1)
    search_path: str | None = None
    script: Path | None = None  # a whole psql script, timed as one
    best_ms: float = field(default=float("inf"))
    error: str = ""


@dataclass
class Context:
    """What the parametrized queries are given: sampled users, a business-metric window, the app's identity."""

    users: list[SampledUser]
    window: tuple[object, object]
    extension_schema: str | None

    def params(self, text: str, user: SampledUser | None = None) -> dict[str, object] | None:
        names = set(re.findall(r"%\((\w+)\)s", text))
        if not names:
            return None
        prerequisites = load_prerequisites()
        sponsor = next(u for u in self.users if u.kind == "sponsor")
        known: dict[str, object] = {
            "window_start": self.window[0], "window_end": self.window[1], "per_kind": PER_KIND,
            "user": (user or sponsor).id, "email": sponsor.email, "pattern": "%organizations%",
            "suite": "virtue-deploy-gates", "application_names": list(prerequisites.app_application_names),
            "usenames": list(prerequisites.app_usenames),
        }
        if unknown := names - known.keys():
            raise KeyError(f"no benchmark value for the placeholder(s) {sorted(unknown)}: add one to Context.params")
        return {name: known[name] for name in names}


def files(directory: Path) -> Iterator[tuple[str, str]]:
    for path in sorted(directory.glob("*.sql")):
        name = f"{directory.name}/{path.stem}"
        if name not in NOT_ON_A_REAL_TARGET:
            yield name, path.read_text()


def named(directory: Path, states: tuple[SandboxState, ...], ctx: Context, cursor: bool = False) -> list[Query]:
    return [Query(f"{name} [{state.value}]", state, text, ctx.params(text), cursor=cursor)
            for name, text in files(directory) for state in states]


def per_user(ctx: Context, kinds: set[str]) -> list[SampledUser]:
    """One sampled user of each kind (PER_KIND are sampled; the benchmark times the first of each)."""
    seen: dict[str, SampledUser] = {}
    for user in ctx.users:
        seen.setdefault(user.kind, user)
    return [user for kind, user in sorted(seen.items()) if kind in kinds]


def access_queries(ctx: Context, columns: dict[str, list[str]], tables: list[str]) -> list[Query]:
    """Sampling, the allowed/visible reads of the RLS gates, and each sampled user's fingerprint of each table."""
    found = [Query(f"access/sample [{state.value}]", state, text, ctx.params(text))
             for name, text in files(ACCESS_SQL) if name == "access/sample" for state in (PRE, MIGRATED)]
    non_admins = per_user(ctx, {"practitioner", "sponsor", "unlinked"})
    for name, text in files(ACCESS_SQL):
        if name.startswith("access/allowed_"):
            found += [Query(f"{name} as {u.kind} [migrated]", MIGRATED, text, ctx.params(text, u)) for u in non_admins]
        elif name.startswith("access/visible_"):
            found += [Query(f"{name} as {u.kind} [migrated]", MIGRATED, text, user=u) for u in non_admins]
    template = "\n".join(line for line in (FINGERPRINT_DIR / "table.sql").read_text().splitlines()
                         if not line.startswith("--"))
    for table in tables:
        schema, relation = table.split(".", 1)
        text = sql.SQL(template).format(table=sql.Identifier(schema, relation),
                                        columns=sql.SQL(", ").join(sql.Identifier(c) for c in columns[table]))
        found += [Query(f"fingerprint/table {table} as {u.kind} [{state.value}]", state, text, user=u)
                  for u in per_user(ctx, {"practitioner", "sponsor", "admin", "unlinked"}) for state in (PRE, MIGRATED)]
    return found


def enumerate_queries(ctx: Context, sources: SqlSources, columns: dict[str, list[str]]) -> list[Query]:
    public = [t for t in baseline_tables(sources) if t.startswith("public.") and t in columns]
    queries = named(CHECKS_DIR, (MIGRATED,), ctx, cursor=True)  # STEP3-1, RBNOW-3
    queries += named(METRICS, (MIGRATED,), ctx, cursor=True)  # success metrics, business metrics
    queries += named(REPORTS_DIR, (MIGRATED,), ctx, cursor=True)  # SUCCESS-3
    queries += named(PREREQUISITES, (PRE, MIGRATED), ctx, cursor=True)  # TECH-1, STEP1-3, VALPREP-2, monitoring
    queries += named(monitoring.QUERIES, (MIGRATED,), ctx)  # STEP8-1
    queries += [Query(f"catalog/{kind} [{state.value}]", state, text)  # ENV-4, RBEMERG-2, access columns
                for kind, text in catalog_queries().items() for state in (PRE, MIGRATED)]
    queries += [Query(f"phase1/tables [{state.value}]", state, table_rows.query("tables.sql"))  # window forecast
                for state in (PRE, MIGRATED)]
    count = table_rows.query("count_rows.sql")  # backup verification: exact counts of the baseline's tables
    queries += [Query(f"phase1/count_rows {t} [pre-migration]", PRE,
                      sql.SQL(count).format(table=sql.Identifier(*t.split(".", 1))))
                for t in baseline_tables(sources) if t in columns]
    coach = COACH_PRACTITIONERS_SQL.read_text()
    queries.append(Query("smoke/coach_practitioners [migrated]", MIGRATED, coach, ctx.params(coach)))
    queries += access_queries(ctx, columns, public)
    queries.append(Query(f"psql -f {sources.validation.name} (whole script) [migrated]", MIGRATED, "",
                         script=sources.validation))
    for query in queries:
        if query.name.startswith(("prerequisites/pg_stat_statements_rows", "monitoring/organization_queries")):
            query.search_path = ctx.extension_schema  # as the suite reads them: in the extension's schema
    return queries


def session_dsn(dsn: str, query: Query) -> str:
    parts = {key: str(value) for key, value in conninfo_to_dict(dsn).items()}
    if query.cursor:  # run_check's planning: the whole result, not the first rows
        parts["options"] += " -c cursor_tuple_fraction=1"
    dsn = make_conninfo(**parts)
    return with_search_path(dsn, query.search_path) if query.search_path else dsn


def once(conn: psycopg.Connection, query: Query, explain: bool = False) -> list[tuple[object, ...]]:
    session: AbstractContextManager[object] = impersonating(conn, query.user) if query.user else nullcontext()
    with session:
        if explain:
            text = sql.SQL("EXPLAIN (ANALYZE, BUFFERS) ") + (
                query.text if isinstance(query.text, sql.Composed) else sql.SQL(query.text))  # type: ignore[arg-type]
            return conn.execute(text, query.params).fetchall()
        if query.cursor:
            with conn.cursor(name="benchmark") as cursor:
                cursor.execute(query.text, query.params)
                return cursor.fetchmany(FETCHED_ROWS + 1)
        return conn.execute(query.text, query.params).fetchall()


def measure(dsn: str, query: Query, bindir: Path | None, repeats: int = 3) -> None:
    """Warm once, then the best of `repeats` runs, in the suite's read-only session."""
    timings: list[float] = []
    try:
        for _ in range(repeats + 1):
            started = time.perf_counter()
            if query.script:
                run = run_file(bindir, dsn, query.script)
                if not run.ok:
                    raise RuntimeError(run.summary())
            else:
                with connect(session_dsn(dsn, query), autocommit=not query.cursor) as conn:
                    started = time.perf_counter()
                    once(conn, query)
            timings.append((time.perf_counter() - started) * 1000)
    except (psycopg.Error, RuntimeError) as error:
        query.error = str(error).strip().splitlines()[0]
        return
    query.best_ms = min(timings[1:])


def plan(dsn: str, query: Query) -> str:
    if query.script:
        return "    (a psql script of several statements: its own statements are the validation checks)"
    with connect(session_dsn(dsn, query)) as conn:
        return "\n".join(f"    {row[0]}" for row in once(conn, query, explain=True))


def prepared(
    server: Server, sources: SqlSources, spec: DatasetSpec, vacuum: bool
) -> dict[SandboxState, TargetDatabase]:
    databases: dict[SandboxState, TargetDatabase] = {}
    for state in (PRE, MIGRATED):
        started = time.perf_counter()
        databases[state] = target = prepare_sandbox(server.admin_dsn, server.client_bindir, sources, spec, state)
        assert target.app_dsn is not None
        with connect(target.app_dsn) as conn:
            conn.execute("VACUUM (ANALYZE)" if vacuum else "ANALYZE")  # a real production has statistics
            conn.execute(SANDBOX_EXTENSION.read_text())
        print(f"prepared {target.label} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return databases


def context(databases: dict[SandboxState, TargetDatabase]) -> Context:
    dsn = databases[PRE].dsn
    as_of = sandbox_as_of(databases[MIGRATED].dsn)
    with connect(dsn) as conn:
        row = conn.execute("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
                           " WHERE e.extname = 'pg_stat_statements'").fetchone()
    return Context(sample_users(dsn), (as_of - timedelta(days=7), as_of), row[0] if row else None)


def report(queries: list[Query], databases: dict[SandboxState, TargetDatabase], slowest: int) -> int:
    ranked = sorted(queries, key=lambda q: (not q.error, -q.best_ms if q.best_ms != float("inf") else 0))
    width = max(len(q.name) for q in queries)
    print(f"{'query'.ljust(width)}  {'ms':>9}  result")
    for q in ranked:
        verdict = "ERROR " + q.error if q.error else ("pass" if q.best_ms <= BUDGET_MS else "FAIL")
        print(f"{q.name.ljust(width)}  {q.best_ms if not q.error else float('nan'):9.1f}  {verdict}")
    over = [q for q in queries if q.error or q.best_ms > BUDGET_MS]
    for q in [q for q in ranked if not q.error][:slowest]:
        print(f"\n== {q.name}: {q.best_ms:.1f} ms" + (f" (as {q.user})" if q.user else ""))
        print(plan(databases[q.state].dsn, q))
    print(f"\n{len(queries)} queries, {len(over)} over {BUDGET_MS:.0f} ms")
    return 1 if over else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--slowest", type=int, default=5, help="print the plans of this many slowest queries")
    parser.add_argument("--vacuum", action="store_true",
                        help="VACUUM ANALYZE instead of ANALYZE: visibility maps set, as autovacuum leaves them")
    parser.add_argument("-k", default="", help="only the queries whose name contains this text")
    args = parser.parse_args()
    sources, spec = resolve_sources(), DatasetSpec(args.users, args.seed)
    server = start_server(explicit_dsn=os.environ.get("SANDBOX_DATABASE_URL"))
    databases: dict[SandboxState, TargetDatabase] = {}
    try:
        databases = prepared(server, sources, spec, args.vacuum)
        with connect(databases[PRE].dsn) as conn:
            columns = table_columns(read_catalog(conn))
        queries = [q for q in enumerate_queries(context(databases), sources, columns) if args.k in q.name]
        for query in queries:
            measure(databases[query.state].dsn, query, server.client_bindir)
            print(f"{query.best_ms:9.1f}  {query.name}", file=sys.stderr)
        return report(queries, databases, args.slowest)
    finally:
        for target in databases.values():
            assert target.scratch_name is not None
            drop_database(server.admin_dsn, target.scratch_name)
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
