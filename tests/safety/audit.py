"""Reading a write-audited server's log (`log_statement = all`): every statement a role sent, and which of
them write. A statement the parser cannot read counts as a write: unknown is never safe."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pglast
from pglast import ast
from pglast.visitors import Visitor

AUDIT_SETTINGS = {"log_statement": "all", "log_line_prefix": "%m [%p] user=%u db=%d state=%e ",
                  "log_min_error_statement": "error"}
ENTRY = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ \S+ \[\d+\] user=(\S*) db=\S* state=(\w*) (\w+):\s+(.*)$")
HELD_BY_SERVER = {"25006", "2D000", "25001"}  # read-only transaction, transaction termination, read-write mode
STATEMENT = re.compile(r"^(?:statement|execute [^:]+): (.*)$", re.DOTALL)
WRITING_KINDS = re.compile(r"^(Insert|Update|Delete|Merge|Truncate|Create|Alter|Drop|Grant|Copy|Vacuum|Cluster|"
                           r"Reindex|Comment|SecLabel|Rename|Rule|Refresh|Import|Load|CheckPoint|Reassign|Lock|"
                           r"Discard|Notify)")
WRITING_FUNCTIONS = {"lo_import", "lo_create", "lo_creat", "lo_from_bytea", "lo_put", "lowrite", "lo_unlink",
                     "nextval", "setval", "dblink_exec", "pg_file_write"}


@dataclass(frozen=True)
class Entry:
    user: str
    state: str  # SQLSTATE
    level: str  # LOG, ERROR, STATEMENT, DETAIL, ...
    message: str


def entries(log: Path, start: int = 0) -> list[Entry]:
    """The log's entries from byte offset `start` on, continuation lines joined to theirs."""
    found: list[Entry] = []
    for line in log.read_bytes()[start:].decode("utf-8", "replace").splitlines():
        match = ENTRY.match(line)
        if match:
            found.append(Entry(*match.groups()))
        elif found and line.startswith("\t"):
            last = found[-1]
            found[-1] = Entry(last.user, last.state, last.level, last.message + "\n" + line[1:])
    return found


def statements(log: Path, user: str, start: int = 0) -> list[str]:
    """Every statement `user` sent, as the server logged it."""
    sent = (STATEMENT.match(e.message) for e in entries(log, start) if e.user == user and e.level == "LOG")
    return [match.group(1) for match in sent if match]


class _Writes(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.found = False

    def visit(self, ancestors: object, node: ast.Node) -> None:
        kind = type(node).__name__
        calls = isinstance(node, ast.FuncCall) and str(getattr((node.funcname or ("",))[-1], "sval", "")) \
            in WRITING_FUNCTIONS
        if calls or isinstance(node, ast.IntoClause) or (kind.endswith("Stmt") and WRITING_KINDS.match(kind)):
            self.found = True


def writes(text: str) -> bool:
    """Whether a logged statement writes (or cannot be read, which counts as writing)."""
    try:
        parsed = pglast.parse_sql(text)
    except pglast.parser.ParseError:
        return True
    visitor = _Writes()
    for raw in parsed:
        visitor(raw)
    return visitor.found


def write_statements(log: Path, user: str, start: int = 0) -> list[str]:
    return [text for text in statements(log, user, start) if writes(text)]


def stopped_by_server(log: Path, user: str, start: int = 0) -> list[str]:
    """Errors the server raised because `user` tried to write in, or leave, a read-only transaction."""
    return [e.message for e in entries(log, start)
            if e.user == user and e.level == "ERROR" and e.state in HELD_BY_SERVER]
