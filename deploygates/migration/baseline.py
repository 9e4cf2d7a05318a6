"""The pre-migration schema as teams have it, loaded into a scratch database: a plain or custom-format
pg_dump (schema only or with data), a `supabase db dump`, or a folder of SQL files.

Loading is: the roles (Supabase's five and every role the files name), then Supabase's auth layer when no
file brings its own `auth.users` (deploygates/sql/prelude/), then each file rewritten line for line to
load on the scratch server (deploygates/migration/tolerance.py), with ON_ERROR_STOP. What cannot load is
one line naming the file, the line and the statement, and PostgreSQL's error.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from deploygates import resources
from deploygates.migration.script import END_OF_DATA, Script, created_tables
from deploygates.migration.tolerance import ServerFacts, named_roles, tolerant
from deploygates.postgres.connections import connect
from deploygates.postgres.psql import CUSTOM_DUMP_MAGIC, ClientError, ScriptRun, client_tool, run_file

PRELUDE_DIR = resources.PRELUDE_DIR
AUTH_USERS = "auth.users"
PSQL_LINE = re.compile(r"^psql:<stdin>:(\d+): (ERROR: .*)$", re.MULTILINE)
SNIFFED = 1 << 20  # bytes read to tell text from garbage
FIX = "pass a pg_dump file (plain, or custom format -Fc), a `supabase db dump` output or a folder of .sql files"


class BaselineError(Exception):
    """A baseline file cannot be read or loaded; the message is one line naming the file and the fix."""


def archive_text(path: Path, bindir: Path | None = None) -> str:
    """A custom-format archive as the SQL script pg_restore would run (data as COPY blocks)."""
    tool = client_tool(bindir, "pg_restore")
    done = subprocess.run([str(tool), "--file=-", str(path)], capture_output=True, timeout=3600, check=False)
    if done.returncode != 0:
        reason = (done.stderr.decode(errors="replace").strip().splitlines() or ["no output"])[0]
        newer = " (made by a newer pg_dump: set PG_BINDIR to a newer PostgreSQL)" if "version" in reason else ""
        raise BaselineError(f"{path}: pg_restore cannot read it as an archive: {reason}{newer}; {FIX}")
    return done.stdout.decode("utf-8", errors="replace")


def check_readable(path: Path) -> None:
    """Fail with one line unless `path` is SQL text or an archive pg_restore can read (cheap: no restore)."""
    with path.open("rb") as handle:
        head = handle.read(SNIFFED)
    if head.startswith(CUSTOM_DUMP_MAGIC):
        try:
            listing = subprocess.run([str(client_tool(None, "pg_restore")), "--list", str(path)],
                                     capture_output=True, text=True, timeout=300, check=False)
        except ClientError as error:
            raise BaselineError(f"{path}: {error}") from None
        if listing.returncode != 0:
            reason = (listing.stderr.strip().splitlines() or ["no output"])[0]
            raise BaselineError(f"{path}: starts like a pg_dump archive but pg_restore cannot read it ({reason}); "
                                f"{FIX}")
        return
    if b"\0" in head:
        raise BaselineError(f"{path}: not SQL text (it holds NUL bytes at offset {head.index(0)}); {FIX}")
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 4:  # not merely a character cut at the end of the sniffed bytes
            raise BaselineError(f"{path}: not UTF-8 SQL text (byte {head[error.start]:#04x} at offset "
                                f"{error.start}); {FIX}") from None


@cache
def read_script(path: Path) -> Script:
    """A baseline file as a script: plain text as it is, an archive through pg_restore."""
    check_readable(path)
    with path.open("rb") as handle:
        custom = handle.read(len(CUSTOM_DUMP_MAGIC)) == CUSTOM_DUMP_MAGIC
    text = archive_text(path) if custom else path.read_text(encoding="utf-8", errors="replace")
    return Script(str(path), text)


def holds_data(path: Path) -> bool:
    """Whether a dump carries rows (COPY blocks with at least one row, or INSERT statements)."""
    if not path.is_file():
        return False
    try:
        script = read_script(path)
    except BaselineError:
        return False
    rows = any(script.text[b.start:b.end].strip() not in ("", END_OF_DATA) for b in script.data_blocks)
    return rows or any(s.kind == "InsertStmt" for s in script.statements)


def brings_auth_users(files: tuple[Path, ...]) -> bool:
    return any(AUTH_USERS in created_tables(read_script(file)) for file in files)


def prelude_files(files: tuple[Path, ...]) -> tuple[Path, ...]:
    """The prelude files that create objects before a baseline made of `files`: Supabase's auth layer,
    unless the dump brings its own `auth.users`."""
    return () if brings_auth_users(files) else (PRELUDE_DIR / "supabase_auth.sql",)


@dataclass
class Loaded:
    runs: list[ScriptRun] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def server_facts(dsn: str) -> ServerFacts:
    with connect(dsn) as conn:
        settings = {str(row[0]) for row in conn.execute((PRELUDE_DIR / "settings.sql").read_text())}
        extensions = {str(row[0]) for row in conn.execute((PRELUDE_DIR / "extensions.sql").read_text())}
        return ServerFacts(conn.info.server_version, frozenset(settings), frozenset(extensions))


def failure_line(file: Path, script: Script, run: ScriptRun) -> str:
    """One line: file:line, the statement, PostgreSQL's error."""
    match = PSQL_LINE.search(run.output)
    if match is None:
        first = (run.output.strip().splitlines() or [f"exit {run.returncode}"])[0]
        return f"{file}: {first}"
    line = int(match.group(1))
    statement = script.statement_at(line)
    where = f"{file}:{statement.line if statement else line}"
    head = f" ({statement.head})" if statement else ""
    return f"{where}{head}: {' '.join(match.group(2).split())}"


def load_baseline(bindir: Path | None, dsn: str, files: tuple[Path, ...], with_data: bool = False) -> Loaded:
    """Load the baseline into the empty database `dsn`; BaselineError at the first statement that fails.
    A baseline is the schema: the rows a dump carries are loaded only `with_data` (a backup restored as
    the rehearsal's start), never beside generated data."""
    scripts = [read_script(file) for file in files]
    roles = ",".join(named_roles(scripts))
    loaded = Loaded()
    prelude = [(PRELUDE_DIR / "roles.sql", {"prelude.roles": roles})]
    prelude += [(path, {}) for path in prelude_files(files)]
    for path, settings in prelude:
        loaded.runs.append(run := run_file(bindir, dsn, path, settings))
        if not run.ok:
            raise BaselineError(f"the Supabase prelude {path.name} failed: {run.summary()}")
    facts = server_facts(dsn)
    for file, script in zip(files, scripts, strict=True):
        rewritten = tolerant(script, facts, with_data)
        loaded.notes += [f"{file.name} {note}" for note in rewritten.notes]
        loaded.runs.append(run := run_file(bindir, dsn, file, text=rewritten.text))
        if not run.ok:
            raise BaselineError(f"the baseline does not load: {failure_line(file, script, run)}; fix it there, "
                                "or load it with psql on an empty database to see the whole output")
    return loaded
