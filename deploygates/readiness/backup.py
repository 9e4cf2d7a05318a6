"""The backup under test: what the file is, when it was taken, its checksum, and its restore.

A backup is a pg_dump archive (custom format) or a plain SQL dump. Its age comes from the dump's
own timestamp when it has one (`pg_restore --list` header of an archive, the `-- Started on` line
of a verbose plain dump): a copy of an old dump has a fresh file time. Otherwise the file's
modification time. Restoring writes only to a new scratch database.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from deploygates.migration.baseline import BaselineError, load_baseline
from deploygates.postgres.connections import create_database, drop_database
from deploygates.postgres.psql import ScriptRun, client_tool, is_custom_dump, split_password
from deploygates.records import sha256_of
from deploygates.secrets import redact

DUMP_STAMP = re.compile(r"^;\s*Archive created at (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) ?(\S*)", re.MULTILINE)
PLAIN_STAMP = re.compile(r"^-- Started on (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) ?(\S*)", re.MULTILINE)
UTC_NAMES = ("UTC", "GMT", "Z", "")


class BackupError(Exception):
    """The backup cannot be examined or taken; the message says what to provide."""


@dataclass(frozen=True)
class BackupFile:
    path: Path
    format: str  # "custom" | "plain"
    sha256: str
    size: int
    taken_at: datetime  # UTC
    taken_from: str  # "dump header" | "file modification time"

    def age_hours(self, now: datetime | None = None) -> float:
        return ((now or datetime.now(UTC)) - self.taken_at) / timedelta(hours=1)

    def describe(self) -> str:
        return (f"{self.path} ({self.format} format, {self.size:,} bytes, taken "
                f"{self.taken_at:%Y-%m-%d %H:%M} UTC per {self.taken_from}, {self.age_hours():.1f} h ago)")


def stamp_to_utc(stamp: str, zone: str) -> datetime | None:
    """A dump's local timestamp in UTC; None when its zone is neither UTC nor this machine's."""
    naive = datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S")
    if zone.upper() in UTC_NAMES:
        return naive.replace(tzinfo=UTC)
    if zone in time.tzname:
        offset = -(time.altzone if zone == time.tzname[1] else time.timezone)
        return naive.replace(tzinfo=timezone(timedelta(seconds=offset))).astimezone(UTC)
    return None


def dump_timestamp(header: str, pattern: re.Pattern[str] = DUMP_STAMP) -> datetime | None:
    match = pattern.search(header)
    return stamp_to_utc(match.group(1), match.group(2)) if match else None


def archive_header(bindir: Path | None, path: Path) -> str:
    done = subprocess.run([str(client_tool(bindir, "pg_restore")), "--list", str(path)],
                          capture_output=True, text=True, timeout=300, check=False)
    return done.stdout if done.returncode == 0 else ""


def examine(bindir: Path | None, path: Path) -> BackupFile:
    if not path.is_file():
        raise BackupError(f"--backup {path}: no such file; pass the pg_dump file taken for this window")
    custom = is_custom_dump(path)
    if custom:
        taken = dump_timestamp(archive_header(bindir, path))
    else:
        with path.open(errors="replace") as handle:
            taken = dump_timestamp("".join(handle.readline() for _ in range(60)), PLAIN_STAMP)
    source = "dump header"
    if taken is None:
        taken, source = datetime.fromtimestamp(path.stat().st_mtime, UTC), "file modification time"
    return BackupFile(path, "custom" if custom else "plain", sha256_of(path), path.stat().st_size, taken, source)


def take_dump(bindir: Path | None, dsn: str, path: Path) -> None:
    """pg_dump -Fc of `dsn` (a read-only session is enough) into `path`."""
    conninfo, env = split_password(dsn)
    argv = [str(client_tool(bindir, "pg_dump")), "-Fc", "--compress=1", "-f", str(path), "-d", conninfo]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=3600, check=False,
                          env={**os.environ, **env})
    if done.returncode != 0:
        raise BackupError(f"pg_dump of the sandbox failed: {done.stderr.strip()}")


def restore(admin_dsn: str, bindir: Path | None, path: Path, name: str) -> tuple[str, ScriptRun]:
    """Restore `path` into a new database `name` (from template0) as the rehearsal would start from it:
    the roles it names created first, read line for line by psql with ON_ERROR_STOP (a custom archive
    through pg_restore). The database is dropped on failure; the run's output is the one-line reason."""
    drop_database(admin_dsn, name)
    dsn = create_database(admin_dsn, name, template="template0")
    started = time.perf_counter()
    try:
        loaded = load_baseline(bindir, dsn, (path,), with_data=True)
        output = "\n".join(run.output.strip() for run in loaded.runs if run.output.strip())
        run = ScriptRun(path, 0, time.perf_counter() - started, redact(output))
    except BaselineError as error:
        run = ScriptRun(path, 1, time.perf_counter() - started, redact(str(error)))
    if not run.ok:
        drop_database(admin_dsn, name)
    return dsn, run
