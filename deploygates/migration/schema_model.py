"""What a schema holds, learned statement by statement from SQL without a database: the relations with their
columns, the functions and the schemas that the baseline and the scripts create, alter, rename and drop.

It reads only what statements create; what they reference is deploygates/migration/references.py's concern.
A DO block's static statements are learned too (pglast parses its PL/pgSQL), its dynamic EXECUTEs are not.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pglast
from pglast import ast, enums

from deploygates.migration.baseline import BaselineError, prelude_files, read_script
from deploygates.migration.files import SqlSources
from deploygates.migration.tables import without_meta_commands
from deploygates.postgres.psql import client_tool, is_custom_dump

SYSTEM_SCHEMAS = frozenset({"pg_catalog", "information_schema", "pg_toast", "pg_temp"})
AT = enums.AlterTableType


def qualified(node: Any) -> str:
    return f"{node.schemaname or 'public'}.{node.relname}"


def dotted(names: Any) -> str:
    parts = [str(name.sval) for name in names or () if isinstance(name, ast.String)]
    return ".".join(parts if len(parts) > 1 else ["public", *parts])


@dataclass
class SchemaModel:
    """Relations ("schema.name" → its columns, None where they cannot be told, as for a view), functions
    ("schema.name") and schemas; `extension_schemas` hold objects an extension created, unknown by name."""

    relations: dict[str, set[str] | None] = field(default_factory=dict)
    functions: set[str] = field(default_factory=set)
    schemas: set[str] = field(default_factory=lambda: {"public"})
    extension_schemas: set[str] = field(default_factory=set)

    def columns(self, relation: str) -> set[str] | None:
        return self.relations.get(relation)

    def learn(self, statement: Any) -> None:
        """Record what one statement creates, alters or drops."""
        if isinstance(statement, ast.CreateStmt):
            self._create_table(statement)
        elif isinstance(statement, ast.ViewStmt):
            self.relations[qualified(statement.view)] = None
        elif isinstance(statement, ast.CreateTableAsStmt):
            into: Any = statement.into
            names = [str(n.sval) for n in into.colNames or ()]
            self.relations[qualified(into.rel)] = set(names) if names else None
        elif isinstance(statement, ast.CreateSeqStmt):
            self.relations[qualified(statement.sequence)] = {"last_value", "log_cnt", "is_called"}
        elif isinstance(statement, ast.AlterTableStmt):
            self._alter_table(statement)
        elif isinstance(statement, ast.RenameStmt):
            self._rename(statement)
        elif isinstance(statement, ast.DropStmt):
            self._drop(statement)
        elif isinstance(statement, ast.CreateFunctionStmt):
            self.functions.add(dotted(statement.funcname))
        elif isinstance(statement, ast.CreateSchemaStmt):
            self.schemas.add(str(statement.schemaname))
        elif isinstance(statement, ast.CreateExtensionStmt):
            schema = next((str(o.arg.sval) for o in statement.options or () if o.defname == "schema"), "public")
            self.extension_schemas.add(schema)
        elif isinstance(statement, ast.DoStmt):
            for inner in do_block_statements(statement):
                self.learn(inner)

    def _create_table(self, statement: Any) -> None:
        name = qualified(statement.relation)
        if statement.if_not_exists and name in self.relations:
            return
        own = {str(e.colname) for e in statement.tableElts or () if isinstance(e, ast.ColumnDef)}
        columns: set[str] | None = own
        for element in statement.tableElts or ():
            if isinstance(element, ast.TableLikeClause):
                columns = merged(columns, self.columns(qualified(element.relation)))
        for parent in statement.inhRelations or ():
            columns = merged(columns, self.columns(qualified(parent)))
        if statement.ofTypename is not None:
            columns = None  # CREATE TABLE … OF type: the type's columns
        self.relations[name] = columns

    def _alter_table(self, statement: Any) -> None:
        columns = self.columns(qualified(statement.relation))
        for command in statement.cmds or ():
            if columns is None:
                return
            if command.subtype == AT.AT_AddColumn and isinstance(command.def_, ast.ColumnDef):
                columns.add(str(command.def_.colname))
            elif command.subtype == AT.AT_DropColumn and command.name:
                columns.discard(command.name)

    def _rename(self, statement: Any) -> None:
        if statement.relation is None:
            return
        old = qualified(statement.relation)
        if statement.renameType == enums.ObjectType.OBJECT_COLUMN:
            columns = self.columns(old)
            if columns is not None and statement.subname in columns:
                columns.discard(statement.subname)
                columns.add(statement.newname)
        elif statement.renameType in (enums.ObjectType.OBJECT_TABLE, enums.ObjectType.OBJECT_VIEW) \
                and old in self.relations:
            self.relations[f"{old.split('.', 1)[0]}.{statement.newname}"] = self.relations.pop(old)

    def _drop(self, statement: Any) -> None:
        for target in statement.objects or ():
            if statement.removeType in (enums.ObjectType.OBJECT_TABLE, enums.ObjectType.OBJECT_VIEW,
                                        enums.ObjectType.OBJECT_MATVIEW, enums.ObjectType.OBJECT_SEQUENCE):
                self.relations.pop(dotted(target), None)
            elif statement.removeType in (enums.ObjectType.OBJECT_FUNCTION, enums.ObjectType.OBJECT_PROCEDURE) \
                    and isinstance(target, ast.ObjectWithArgs):
                self.functions.discard(dotted(target.objname))


def merged(columns: set[str] | None, more: set[str] | None) -> set[str] | None:
    return None if columns is None or more is None else columns | more


def do_block_statements(statement: Any) -> Iterator[Any]:
    """The static SQL statements of a DO block's PL/pgSQL body (EXECUTE strings are not SQL the parser sees)."""
    body = next((str(o.arg.sval) for o in statement.args or () if o.defname == "as"), "")
    tag = "$deploygates_body$"
    try:
        parsed = pglast.parse_plpgsql(f"CREATE FUNCTION pg_temp.f() RETURNS void LANGUAGE plpgsql AS {tag}"
                                      f"{body}{tag}")
    except pglast.parser.ParseError:
        return
    for query in execsql_queries(parsed):
        try:
            yield from (raw.stmt for raw in pglast.parse_sql(query))
        except pglast.parser.ParseError:
            continue


def execsql_queries(node: object) -> Iterator[str]:
    if isinstance(node, dict):
        statement = node.get("PLpgSQL_stmt_execsql")
        if isinstance(statement, dict):
            yield str(statement["sqlstmt"]["PLpgSQL_expr"]["query"])
        for value in node.values():
            yield from execsql_queries(value)
    elif isinstance(node, list):
        for value in node:
            yield from execsql_queries(value)


def sql_text(path: Path) -> str:
    """A file's SQL: a pg_dump custom archive as the schema script pg_restore writes for it."""
    if path.suffix == ".dump" or is_custom_dump(path):
        done = subprocess.run([str(client_tool(None, "pg_restore")), "--schema-only", "-f", "-", str(path)],
                              capture_output=True, text=True, timeout=120, check=True)
        return without_meta_commands(done.stdout)
    return without_meta_commands(path.read_text(errors="replace"))


def learned_from(files: tuple[Path, ...], model: SchemaModel | None = None) -> SchemaModel:
    """`model` (or an empty one) after every statement of `files`, read as the baseline's load reads them
    (an archive through pg_restore, COPY data and psql meta-commands set aside); a statement the parser
    rejects, or a file that cannot be read, teaches nothing: the parse gate, or the baseline's load, names it."""
    model = model or SchemaModel()
    for file in files:
        try:
            script = read_script(file)
        except (BaselineError, subprocess.SubprocessError, OSError):
            continue
        for statement in script.statements:
            if statement.node is not None:
                model.learn(statement.node)
    return model


def copy_of(model: SchemaModel) -> SchemaModel:
    return SchemaModel({name: (set(cols) if cols is not None else None) for name, cols in model.relations.items()},
                       set(model.functions), set(model.schemas), set(model.extension_schemas))


@cache
def _known(baseline: tuple[Path, ...], earlier: tuple[Path, ...]) -> SchemaModel:
    # The prelude (Supabase's auth layer where the dump lacks it) loads first, as load_baseline does.
    loaded = learned_from(baseline, learned_from(prelude_files(baseline)))
    return learned_from(earlier, loaded) if earlier else loaded


def known_before(sources: SqlSources, script: Path) -> SchemaModel:
    """What exists when `script` starts: the baseline and the migration scripts run before it (all of them for
    the validation and the rollback, which run after the migration). Shared: callers copy before they learn."""
    return _known(sources.baseline, run_before(sources, script))


def run_before(sources: SqlSources, script: Path) -> tuple[Path, ...]:
    """The migration scripts that run before `script` (all of them before the validation and the rollback)."""
    migrations = sources.migrations
    return migrations[:migrations.index(script)] if script in migrations else migrations
