"""A SQL script split into statements with PostgreSQL's own parser (pglast), never with regular
expressions: each statement with its line span, its kind and the tables it names.

psql meta-commands are not SQL: `\\set ON_ERROR_STOP on` and output settings are dropped (running
statement by statement stops at the first error anyway); any other meta-command (\\gset, \\i,
\\connect, \\copy, …) changes what the script does, so a script holding one cannot be split.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pglast
from pglast import ast
from pglast.visitors import Visitor

from deploygates.migration.tables import without_meta_commands

HARMLESS_META = ("\\set", "\\echo", "\\qecho", "\\pset", "\\timing", "\\unset", "\\restrict", "\\unrestrict")
# Statements that run code whose tables the parser cannot see (a DO block, a function call).
RUNS_CODE = ("DoStmt", "CallStmt", "SelectStmt")


class StatementError(Exception):
    """A script cannot be split into statements; the message names the file and line."""


@dataclass(frozen=True)
class Statement:
    file: str
    line: int
    end_line: int
    kind: str
    tables: tuple[str, ...]  # schema-qualified; unqualified names are taken as public
    text: str

    @property
    def head(self) -> str:
        """The statement's first words, for a report line."""
        words = " ".join(self.text.split())
        return words if len(words) <= 60 else words[:57] + "…"

    @property
    def runs_code(self) -> bool:
        return self.kind in RUNS_CODE


class _Tables(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.found: set[str] = set()

    def visit_RangeVar(self, ancestors: object, node: ast.RangeVar) -> None:
        self.found.add(f"{node.schemaname or 'public'}.{node.relname}")


def check_meta_commands(text: str, name: str) -> None:
    for number, line in enumerate(text.splitlines(), start=1):
        command = line.lstrip()
        if command.startswith("\\") and not command.startswith(HARMLESS_META):
            raise StatementError(
                f"{name}:{number}: psql meta-command {command.split()[0]} cannot run statement by statement"
            )


def split_text(text: str, name: str) -> tuple[Statement, ...]:
    check_meta_commands(text, name)
    sql_text = without_meta_commands(text)
    try:
        slices = list(pglast.split(sql_text, with_parser=True, only_slices=True))
        parsed = pglast.parse_sql(sql_text)
    except pglast.parser.ParseError as error:
        raise StatementError(parse_error_line(name, sql_text, error)) from None
    statements = []
    for where, raw in zip(slices, parsed, strict=True):
        visitor = _Tables()
        visitor(raw)
        body = sql_text[where]
        line = sql_text.count("\n", 0, where.start) + 1
        statements.append(Statement(
            name, line, line + body.count("\n"), type(raw.stmt).__name__, tuple(sorted(visitor.found)), body,
        ))
    return tuple(statements)


def parse_error_line(name: str, text: str, error: pglast.parser.ParseError) -> str:
    """`file:line: syntax error at or near "X"`, and the line itself, from pglast's character index."""
    message, index = (*error.args, None)[:2]
    if not isinstance(index, int):
        return f"{name}: PostgreSQL's parser rejects it: {message}"
    line = text.count("\n", 0, index) + 1
    shown = " ".join(text.splitlines()[line - 1].split()) if line <= len(text.splitlines()) else ""
    return f"{name}:{line}: PostgreSQL's parser rejects it: {message}" + (f"\n  line {line}: {shown}" if shown else "")


def syntax_error(path: Path) -> str | None:
    """Why PostgreSQL's parser rejects the file (file:line, its words), or None when every statement parses."""
    if path.suffix != ".sql":
        return None
    text = without_meta_commands(path.read_text(errors="replace"))
    try:
        pglast.parse_sql(text)
    except pglast.parser.ParseError as error:
        return parse_error_line(path.name, text, error)
    return None


@cache
def split_file(path: Path) -> tuple[Statement, ...]:
    return split_text(path.read_text(), path.name)


def statement_at(statements: tuple[Statement, ...], line: int) -> Statement | None:
    """The statement whose text spans `line` (1-based), if any."""
    return next((s for s in statements if s.line <= line <= s.end_line), None)
