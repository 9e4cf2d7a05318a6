"""Running a team's script (the validation script, the rollback's verification) on a target without
letting it write: screened first (screen.py), then sent statement by statement, each in its own
protocol message (the server refuses a message holding two statements), inside one READ ONLY
transaction that the runner opens, pins with a first query, and always rolls back.

No psql and no shell take part: a meta-command is never run, a psql variable never expanded. The
outcome reads like psql's under ON_ERROR_STOP (exit 0, or 3 at the first error, with file:line).
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import psycopg
from psycopg.pq import DiagnosticField, ExecStatus

from deploygates.errors import GateFailure, Unmeasured
from deploygates.postgres.connections import read_only_dsn
from deploygates.postgres.psql import ScriptRun
from deploygates.safety.screen import ScriptRefused, screen
from deploygates.secrets import redact
from deploygates.target import describe_dsn

SCRIPT_ERROR, TIMED_OUT = 3, 124  # psql's exit status under ON_ERROR_STOP; timeout(1)'s
# Errors that mean the script tried to write or to leave the read-only transaction (the server held).
ESCAPES = {"25006": "tried to write", "2D000": "tried to end the read-only transaction",
           "25001": "tried to make the transaction read-write"}


class WriteAttempted(GateFailure):
    """A script tried to write on the target; the read-only transaction stopped it. A defect of the
    script, never the failure a gate may expect of it."""
# The first query fixes the transaction's snapshot: from then on the server refuses to make it read-write.
OPENING = (b"BEGIN READ ONLY", b"SELECT 1")


def read_script(file: Path) -> str:
    try:
        return file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ScriptRefused(f"{file}: not a UTF-8 text file; pass the SQL script itself") from None
    except OSError as error:
        raise ScriptRefused(f"{file}: cannot read it ({error.strerror})") from None


def _error(result: psycopg.pq.abc.PGresult) -> str:
    return (result.error_message or b"").decode("utf-8", "replace").strip()


def run_read_only(dsn: str, file: Path, timeout: float = 3600) -> ScriptRun:
    """Screen and run `file` read-only on `dsn`; ScriptRefused (a GateFailure) when the screen refuses it."""
    statements = screen(read_script(file), file.name)
    lines: list[str] = []
    code, started = 0, time.perf_counter()
    try:
        conn = psycopg.connect(read_only_dsn(dsn), autocommit=True, connect_timeout=10)
    except psycopg.OperationalError as error:
        raise Unmeasured(f"cannot connect to {describe_dsn(dsn)}: {redact(str(error).strip())}") from None
    at = [0]
    conn.add_notice_handler(lambda d: lines.append(f"{file.name}:{at[0]}: {d.severity}:  {d.message_primary}"))
    stop = threading.Timer(timeout, conn.cancel)
    stop.start()
    try:
        for opening in OPENING:
            if conn.pgconn.exec_(opening).status not in (ExecStatus.COMMAND_OK, ExecStatus.TUPLES_OK):
                raise Unmeasured(f"{describe_dsn(dsn)}: could not open a read-only transaction: "
                                 f"{redact(conn.pgconn.error_message.decode('utf-8', 'replace').strip())}")
        for statement in statements:
            at[0] = statement.line
            result = conn.pgconn.exec_params(statement.text.encode(conn.info.encoding), [])
            if result.status not in (ExecStatus.COMMAND_OK, ExecStatus.TUPLES_OK, ExecStatus.EMPTY_QUERY):
                escape = ESCAPES.get((result.error_field(DiagnosticField.SQLSTATE) or b"").decode())
                if escape:
                    raise WriteAttempted(f"{file.name}:{statement.line}: the script {escape} on the target; the "
                                         f"read-only transaction stopped it: {redact(_error(result))}")
                lines.append(f"{file.name}:{statement.line}: {_error(result)}")
                code = TIMED_OUT if not stop.is_alive() else SCRIPT_ERROR
                break
    finally:
        stop.cancel()
        if not conn.closed:
            conn.pgconn.exec_(b"ROLLBACK")
            conn.close()
    if code == TIMED_OUT:
        lines.append(f"timed out after {timeout:.0f}s")
    return ScriptRun(file, code, time.perf_counter() - started, redact("\n".join(lines)))
