"""A SQL script as psql reads it: statements (split by PostgreSQL's own scanner, each parsed on its own),
psql meta-command lines and the data blocks of `COPY … FROM stdin`, with their offsets and lines.

Works on anything a team calls a schema: hand-written files, plain `pg_dump` output with or without data,
`supabase db dump`. A statement PostgreSQL's parser rejects keeps `node = None` (psql reports it, with its
line, when the script runs); data and meta lines never reach the parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

import pglast
from pglast import ast

COPY_FROM_STDIN = re.compile(r"^\s*COPY\s.+\sFROM\s+stdin\s*;\s*$", re.IGNORECASE)
END_OF_DATA = "\\."


@dataclass(frozen=True)
class Statement:
    start: int  # character offsets of the statement in the script's text
    end: int
    line: int  # 1-based line of its first character
    text: str
    node: ast.Node | None  # the parsed statement; None when the parser rejects it

    @property
    def kind(self) -> str:
        return type(self.node).__name__ if self.node is not None else "unparsed"

    @property
    def head(self) -> str:
        """The statement's first words, for a one-line report."""
        words = " ".join(line for line in self.text.splitlines() if not line.lstrip().startswith("--"))
        words = " ".join(words.split())
        return words if len(words) <= 70 else words[:67] + "…"


@dataclass(frozen=True)
class MetaLine:
    start: int
    end: int  # end of the line, newline excluded
    line: int
    text: str

    @property
    def command(self) -> str:
        return self.text.strip().split()[0]


@dataclass(frozen=True)
class DataBlock:
    """The rows of a `COPY … FROM stdin` (up to and including its `\\.` line)."""

    start: int
    end: int


def _masked(text: str) -> tuple[str, list[MetaLine], list[DataBlock]]:
    """The text with meta-command lines and COPY data replaced by spaces (offsets and newlines kept)."""
    out: list[str] = []
    metas: list[MetaLine] = []
    blocks: list[DataBlock] = []
    offset, in_copy = 0, False
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        body = line.rstrip("\r\n")
        if in_copy:
            in_copy = body != END_OF_DATA
            if blocks and blocks[-1].end == offset:
                blocks[-1] = DataBlock(blocks[-1].start, offset + len(line))
            else:
                blocks.append(DataBlock(offset, offset + len(line)))
            out.append(re.sub(r"[^\n]", " ", line))
        elif body.lstrip().startswith("\\"):
            metas.append(MetaLine(offset, offset + len(body), number, body))
            out.append(re.sub(r"[^\n]", " ", line))
        else:
            in_copy = bool(COPY_FROM_STDIN.match(body))
            out.append(line)
        offset += len(line)
    return "".join(out), metas, blocks


def _parse(text: str) -> ast.Node | None:
    try:
        parsed = pglast.parse_sql(text)
    except pglast.parser.ParseError:
        return None
    return parsed[0].stmt if len(parsed) == 1 else None


@dataclass(frozen=True)
class Script:
    name: str
    text: str

    @cached_property
    def _split(self) -> tuple[tuple[Statement, ...], tuple[MetaLine, ...], tuple[DataBlock, ...]]:
        masked, metas, blocks = _masked(self.text)
        try:
            slices = list(pglast.split(masked, with_parser=False, only_slices=True))
        except pglast.parser.ParseError:  # an unterminated quote: psql will say where
            slices = []
        statements = []
        for where in slices:
            body = self.text[where]
            line = self.text.count("\n", 0, where.start) + 1
            statements.append(Statement(where.start, where.stop, line, body, _parse(body)))
        return tuple(statements), tuple(metas), tuple(blocks)

    @property
    def statements(self) -> tuple[Statement, ...]:
        return self._split[0]

    @property
    def meta_lines(self) -> tuple[MetaLine, ...]:
        return self._split[1]

    @property
    def data_blocks(self) -> tuple[DataBlock, ...]:
        return self._split[2]

    def statement_at(self, line: int) -> Statement | None:
        """The statement that spans `line` (psql reports the line where the failing statement ends)."""
        found = None
        for statement in self.statements:
            if statement.line <= line:
                found = statement
        return found

    def nodes(self) -> list[ast.Node]:
        return [s.node for s in self.statements if s.node is not None]


def created_tables(script: Script) -> list[str]:
    """schema.table of every permanent table the script creates (unqualified names are public)."""
    found = []
    for node in script.nodes():
        relation = node.relation if isinstance(node, ast.CreateStmt) else None
        if relation is not None and relation.relpersistence != "t":
            found.append(f"{relation.schemaname or 'public'}.{relation.relname}")
    return found
