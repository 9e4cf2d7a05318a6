"""The static reference check: every relation, column and function a script references that neither the
baseline nor an earlier statement creates, with its file and line, before anything runs.

Read with PostgreSQL's own parser (pglast) against a schema model (deploygates/migration/schema_model.py).
It judges only what it can tell: a column qualified by a known table or its alias, an unqualified column in a
statement that reads one known table, the columns of INSERT, UPDATE SET, ALTER TABLE, indexes and keys, and
function calls (unqualified ones against the server's built-in functions when they are given). Statements
that say IF EXISTS, DO blocks and function bodies are not judged: they decide at run time.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pglast
from pglast import ast

from deploygates import resources
from deploygates.migration.files import SqlSources
from deploygates.migration.schema_model import SYSTEM_SCHEMAS, SchemaModel, copy_of, known_before, qualified, sql_text
from deploygates.migration.statement_parts import Seen, added_columns, created_relations, explicit_columns
from deploygates.postgres.connections import connect
from deploygates.postgres.psql import ScriptRun

BUILTINS = resources.SQL_DIR / "static" / "builtin_functions.sql"


@dataclass(frozen=True)
class Missing:
    file: str
    line: int
    kind: str  # relation | column | function
    name: str

    def describe(self) -> str:
        return f"{self.file}:{self.line}: {self.kind} {self.name}"


class Checker:
    def __init__(self, model: SchemaModel, builtins: frozenset[str] | None) -> None:
        self.model, self.builtins = model, builtins
        self.found: list[tuple[str, str]] = []

    def relation_known(self, node: Any, seen: Seen) -> bool:
        if node.schemaname in SYSTEM_SCHEMAS or node.schemaname in self.model.extension_schemas:
            return True
        if node.schemaname is None:
            return node.relname in seen.ctes or node.relname.startswith("pg_") or any(
                name.split(".", 1)[1] == node.relname for name in self.model.relations)
        return qualified(node) in self.model.relations

    def column(self, relations: set[str], column: str, extra: set[str] | frozenset[str] = frozenset()) -> None:
        known = [self.model.columns(r) for r in relations]
        if relations and all(cols is not None and column not in cols | extra for cols in known):
            self.found.append(("column", f"{'/'.join(sorted(relations))}.{column}"))

    def function(self, names: tuple[str, ...]) -> None:
        if len(names) > 1:
            schema = names[-2]
            if schema in SYSTEM_SCHEMAS or schema in self.model.extension_schemas \
                    or f"{schema}.{names[-1]}" in self.model.functions:
                return
        elif self.builtins is None or names[0] in self.builtins or self.model.extension_schemas or any(
                known.split(".", 1)[1] == names[0] for known in self.model.functions):
            return
        self.found.append(("function", ".".join(names) + "()"))

    def statement(self, statement: Any) -> list[tuple[str, str]]:
        self.found = []
        if getattr(statement, "missing_ok", False) or isinstance(statement, ast.DropStmt | ast.DoStmt):
            return []
        seen = Seen()
        seen(statement)
        created = {qualified(r) for r in created_relations(statement)}
        known_rels = set()
        for node in seen.relations:
            if qualified(node) in created:
                continue
            if self.relation_known(node, seen):
                known_rels.add(qualified(node))
            else:
                self.found.append(("relation", qualified(node)))
        for names in seen.functions:
            self.function(names)
        if isinstance(statement, ast.CreateTrigStmt):
            self.function(tuple(str(n.sval) for n in statement.funcname or ()))
        for table, columns in seen.keys:
            for name in columns if table in known_rels or table in created else ():
                self.column({table}, name)
        if not isinstance(statement, ast.CreateFunctionStmt | ast.CreateStmt):
            self.columns_of(statement, seen, known_rels)
        return list(dict.fromkeys(self.found))

    def columns_of(self, statement: Any, seen: Seen, known: set[str]) -> None:
        target = getattr(statement, "relation", None)
        own = qualified(target) if isinstance(target, ast.RangeVar) else None
        added = added_columns(statement)
        for names in seen.columns:
            if len(names) >= 2 and names[-2] in seen.aliases and names[-2] not in seen.opaque:
                self.column(seen.aliases[names[-2]] & known if len(names) == 2 else
                            {f"{names[-3]}.{names[-2]}"} & known, names[-1], added)
            elif len(names) == 1 and len(known) == 1 and not (seen.opaque or seen.ctes) \
                    and names[0] not in seen.outputs:
                self.column(known, names[0], added)
        if own is None or own not in known | {qualified(target)} or own not in self.model.relations:
            return
        for name in explicit_columns(statement):
            self.column({own}, name)


def statements_with_lines(path: Path) -> list[tuple[int, Any]]:
    text = sql_text(path)
    slices = list(pglast.split(text, with_parser=True, only_slices=True))
    return [(text.count("\n", 0, where.start) + 1, raw.stmt) for where, raw in
            zip(slices, pglast.parse_sql(text), strict=True)]


@cache
def builtin_functions(admin_dsn: str) -> frozenset[str]:
    """The names of the server's built-in functions (an unqualified call may mean one of them)."""
    with connect(admin_dsn) as conn:
        return frozenset(row[0] for row in conn.execute(BUILTINS.read_text()).fetchall())


def first_cause(run: ScriptRun, sources: SqlSources, builtins: frozenset[str] | None) -> Missing | None:
    """The first missing reference at or before the line where the script run stopped: the likely cause."""
    failure = run.failure()
    if failure is None or not failure.line:
        return None
    found = missing_references(run.file, known_before(sources, run.file), builtins)
    return next((missing for missing in found if missing.line <= failure.line), None)


def missing_references(script: Path, known: SchemaModel, builtins: frozenset[str] | None = None) -> list[Missing]:
    """What `script` references that `known` (what exists before it) and its earlier statements do not create.
    A script that does not parse yields nothing: the parse gate names it."""
    model, found = copy_of(known), []
    try:
        statements = statements_with_lines(script)
    except pglast.parser.ParseError:
        return []
    for line, statement in statements:
        checker = Checker(model, builtins)
        found += [Missing(script.name, line, kind, name) for kind, name in checker.statement(statement)]
        model.learn(statement)
    return found

