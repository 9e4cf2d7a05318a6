"""A stand-in for production whose server logs every statement: the migrated reference database with
dblink installed, the gates' read-only role made by the suite's own create_gate_role.sql, a pg_dump
backup, and the sandbox app serving it as the release would. What the gates send as that role is then
read back from the server's log (tests/safety/audit.py)."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import psycopg
from psycopg.conninfo import conninfo_to_dict

from deploygates import resources
from deploygates.http.accounts import sandbox_accounts, variables
from deploygates.manifest.phases import SandboxState
from deploygates.migration.files import resolve_sources
from deploygates.migration.states import prepare_sandbox
from deploygates.migration.template import DatasetSpec
from deploygates.platform.simulated_steps import prepare_platform_file
from deploygates.postgres.cluster import LocalCluster
from deploygates.postgres.provider import Server
from deploygates.processes import Service
from deploygates.stand_in import stand_in
from tests.safety.audit import AUDIT_SETTINGS

GATE_ROLE, GATE_PASSWORD = "deploy_gates", "gates read only"
# A role that can write (as a team's only credentials often can): run with --allow-writable-role.
WRITER_ROLE = "deploy_gates_rw"
WRITER = (f"CREATE ROLE {WRITER_ROLE} LOGIN BYPASSRLS PASSWORD '{GATE_PASSWORD}'",
          f"GRANT pg_read_all_data, pg_write_all_data, pg_monitor, authenticated TO {WRITER_ROLE}",
          f"GRANT CREATE ON SCHEMA public TO {WRITER_ROLE}")
# What many projects have: a function anyone may call that writes with its owner's rights.
DEFINER_WRITER = ("CREATE FUNCTION public.definer_writer() RETURNS void LANGUAGE sql SECURITY DEFINER "
                  "AS 'UPDATE public.profiles SET full_name = full_name'")
USERS = 300


@dataclass
class Production:
    admin_dsn: str  # superuser, to the production database
    gate_dsn: str  # the gates' read-only role, as PRODUCTION_DATABASE_URL
    writer_dsn: str  # a role that can write
    log: Path
    backup: Path
    app: Service

    def environment(self, dsn: str) -> dict[str, str]:
        accounts = sandbox_accounts(self.admin_dsn)
        picked = {"TEST": accounts.test, "COACH": accounts.coach, "PRACTITIONER": accounts.practitioner}
        env = {"PRODUCTION_DATABASE_URL": dsn, "PRODUCTION_APP_URL": self.app.url}
        for role, account in picked.items():
            email, password = variables("production", role)
            env |= {email: account.email, password: account.password}
        return env

    def log_size(self) -> int:
        return self.log.stat().st_size


def audit(server: Server) -> Path:
    """Turn on statement logging; the server's log file."""
    if not isinstance(server, LocalCluster):
        raise RuntimeError(f"the write audit reads a local cluster's log; the provider gave {server.backend}")
    with psycopg.connect(server.admin_dsn, autocommit=True) as conn:
        for name, value in AUDIT_SETTINGS.items():
            conn.execute(f"ALTER SYSTEM SET {name} = '{value}'")
        conn.execute("SELECT pg_reload_conf()")
    return server.root / "server.log"


def url(admin_dsn: str, role: str, password: str) -> str:
    parts = conninfo_to_dict(admin_dsn)
    return f"postgresql://{role}:{quote(password, safe='')}@{parts['host']}:{parts['port']}/{parts['dbname']}"


def gate_roles(server: Server, admin_dsn: str, password: str) -> tuple[str, str]:
    """The read-only role, made as an operator would (psql -f create_gate_role.sql), and the writer: URLs."""
    script = resources.SQL_DIR / "safety" / "create_gate_role.sql"
    psql = str((server.client_bindir or Path("/usr/bin")) / "psql")
    subprocess.run([psql, "-X", "-q", "-v", f"role={GATE_ROLE}", "-v", f"password={password}", "-d", admin_dsn,
                    "-f", str(script)], check=True, capture_output=True, timeout=60)
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        for statement in WRITER:
            conn.execute(statement)
    return url(admin_dsn, GATE_ROLE, password), url(admin_dsn, WRITER_ROLE, GATE_PASSWORD)


def backup_of(server: Server, admin_dsn: str, path: Path) -> Path:
    pg_dump = str((server.client_bindir or Path("/usr/bin")) / "pg_dump")
    subprocess.run([pg_dump, "-Fc", "-f", str(path), "-d", admin_dsn], check=True, capture_output=True, timeout=300)
    return path


def start_production(server: Server, workdir: Path, password: str = GATE_PASSWORD) -> Production:
    log = audit(server)
    prepared = prepare_sandbox(server.admin_dsn, server.client_bindir, resolve_sources(), DatasetSpec(USERS, 42),
                               SandboxState.IN_WINDOW)
    assert prepared.app_dsn is not None
    with psycopg.connect(prepared.app_dsn, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS dblink")
        conn.execute(DEFINER_WRITER)
    platform = prepare_platform_file(workdir / "platform.json", SandboxState.MIGRATED, {})
    app = stand_in("sandbox").start_app(prepared.app_dsn, platform, None, workdir)
    return Production(prepared.app_dsn, *gate_roles(server, prepared.app_dsn, password), log,
                      backup_of(server, prepared.app_dsn, workdir / "production.dump"), app)
