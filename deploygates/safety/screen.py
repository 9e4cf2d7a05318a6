"""The screen: a script the suite runs against a target is read with PostgreSQL's own parser, and refused
whole, before anything is sent, when one of its statements could write, end or change the read-only
transaction, hold locks the application waits on, or act outside the database.

What it lets through reads: SELECT (no INTO, no FOR UPDATE, no data-modifying WITH), SHOW, EXPLAIN of
those, cursors and prepared reads, DO blocks and CALLs (their code runs inside the read-only transaction,
which the server holds: docs/safety.md), and SET of a few display and planner settings. psql
meta-commands are not run at all: a few that only change psql's display are ignored, any other refuses
the script, because under psql it would run a shell, open another session or run unscreened text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pglast
from pglast import ast
from pglast.enums import VariableSetKind
from pglast.visitors import Visitor

from deploygates.errors import GateFailure

# Meta-commands that only change how psql shows results; the runner has no display, so they do nothing.
DISPLAY_META = frozenset({"set", "unset", "echo", "qecho", "warn", "pset", "timing", "x", "a", "t"})
META = re.compile(r"\\([A-Za-z!?+]*)")
READING = frozenset({
    "SelectStmt", "VariableShowStmt", "DoStmt", "CallStmt", "ExplainStmt", "DeclareCursorStmt", "FetchStmt",
    "ClosePortalStmt", "PrepareStmt", "ExecuteStmt", "DeallocateStmt", "VariableSetStmt",
})
# Settings a script may change for itself: display and planning only, never the transaction's mode,
# the role, the timeouts that bound it, or what identifies the suite's sessions.
SETTABLE = frozenset({
    "client_min_messages", "datestyle", "timezone", "intervalstyle", "extra_float_digits", "bytea_output",
    "search_path", "work_mem", "jit", "enable_seqscan", "enable_indexscan", "enable_nestloop",
})
# Functions whose effect outside the statement no transaction takes back, or that change the session.
ACTING = frozenset({
    "dblink", "dblink_exec", "dblink_connect", "dblink_connect_u", "dblink_send_query", "dblink_open",
    "lo_import", "lo_export", "lo_create", "lo_creat", "lo_from_bytea", "lo_unlink", "lo_put", "lo_open", "lowrite",
    "pg_terminate_backend", "pg_cancel_backend", "pg_reload_conf", "pg_rotate_logfile", "pg_file_write",
    "pg_file_rename", "pg_file_unlink", "pg_read_file", "pg_read_binary_file", "pg_ls_dir", "pg_stat_file",
    "pg_create_restore_point", "pg_switch_wal", "pg_promote", "set_config", "nextval", "setval", "pg_notify",
    "pg_advisory_lock", "pg_advisory_lock_shared", "pg_advisory_xact_lock", "pg_advisory_xact_lock_shared",
    "pg_stat_reset", "pg_stat_reset_shared", "pg_stat_statements_reset", "pg_logical_emit_message",
    "pg_create_physical_replication_slot", "pg_create_logical_replication_slot", "pg_drop_replication_slot",
})


class ScriptRefused(GateFailure):
    """A script holds a statement that may not run on the target; the message names file, line and why."""


@dataclass(frozen=True)
class Screened:
    line: int
    kind: str
    text: str


class _Effects(Visitor):
    """Anything inside a statement that writes, locks or acts beyond it."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def visit(self, ancestors: object, node: ast.Node) -> None:
        if isinstance(node, ast.InsertStmt | ast.UpdateStmt | ast.DeleteStmt | ast.MergeStmt):
            self.found.append(f"a data-modifying {type(node).__name__.removesuffix('Stmt').upper()}")
        elif isinstance(node, ast.IntoClause):
            self.found.append("SELECT INTO, which creates a table")
        elif isinstance(node, ast.LockingClause):
            self.found.append("FOR UPDATE/SHARE, which locks rows the application writes")
        elif isinstance(node, ast.FuncCall) and (name := function_name(node)) in ACTING:
            self.found.append(f"{name}(), which acts outside the read-only transaction")


def function_name(call: ast.FuncCall) -> str:
    """The called function's name without its schema, lower case (as PostgreSQL folds it)."""
    parts = call.funcname or ()
    return str(getattr(parts[-1], "sval", "")).lower() if parts else ""


def _why_set(node: ast.VariableSetStmt) -> str | None:
    name = (node.name or "").lower()
    if node.kind == VariableSetKind.VAR_RESET_ALL:
        return "RESET ALL changes the session the suite bounded"
    if node.kind == VariableSetKind.VAR_SET_MULTI:
        return f"SET {node.name} changes the transaction mode"
    if name not in SETTABLE:
        return f"SET {name} changes what bounds or identifies the gates' session"
    return None


def refusal(node: ast.Node, text: str) -> str | None:
    """Why this statement (`text`) may not run on the target, or None."""
    kind, word = type(node).__name__, (text.split() or ["?"])[0].upper()
    if isinstance(node, ast.TransactionStmt):
        return f"{word} would end or change the read-only transaction the runner holds"
    if kind not in READING:
        return f"{word} is not a read"
    if isinstance(node, ast.VariableSetStmt):
        return _why_set(node)
    effects = _Effects()
    effects(node)
    return effects.found[0] if effects.found else None


def without_meta_commands(text: str, name: str) -> str:
    """The script's SQL, display meta-commands blanked (line numbers kept); any other refuses it."""
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        command = line.lstrip()
        if not command.startswith("\\"):
            continue
        found = META.findall(command)
        if found[0] not in DISPLAY_META or len(found) > 1 or "`" in command:
            shown = command.split()[0] if found[0] not in DISPLAY_META else command[:40]
            raise ScriptRefused(f"{name}:{number}: psql meta-command {shown} runs outside SQL (a shell, another "
                                "session, unscreened text); a script run on the target is plain SQL")
        lines[number - 1] = ""
    return "\n".join(lines)


def screen(text: str, name: str) -> list[Screened]:
    """The script's statements, each one allowed; ScriptRefused at the first that is not."""
    sql_text = without_meta_commands(text, name)
    try:
        slices = list(pglast.split(sql_text, with_parser=True, only_slices=True))
        parsed = pglast.parse_sql(sql_text)
    except pglast.parser.ParseError as error:
        raise ScriptRefused(f"{name}: not plain SQL, PostgreSQL's parser rejects it ({error}); psql variables "
                            "(:name) and backslash commands inside statements are not run on the target") from None
    statements = []
    for where, raw in zip(slices, parsed, strict=True):
        line = sql_text.count("\n", 0, where.start) + 1
        assert raw.stmt is not None
        why = refusal(raw.stmt, sql_text[where])
        if why:
            head = " ".join(sql_text[where].split())[:60]
            raise ScriptRefused(f"{name}:{line}: refused before anything was sent: {why} ({head}); "
                                "a script run on the target may only read (docs/safety.md)")
        statements.append(Screened(line, type(raw.stmt).__name__, sql_text[where]))
    return statements
