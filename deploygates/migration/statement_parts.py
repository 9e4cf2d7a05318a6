"""The parts of one parsed statement the static reference check reads: what it references (relations, column
references, function calls, foreign keys) with the aliases and names in scope, what it creates, the columns an
ALTER TABLE adds and the columns the statement names outright."""

from __future__ import annotations

from typing import Any

from pglast import ast, enums
from pglast.visitors import Visitor

from deploygates.migration.schema_model import AT, qualified

COLUMN_COMMANDS = frozenset({
    AT.AT_DropColumn, AT.AT_AlterColumnType, AT.AT_ColumnDefault, AT.AT_SetNotNull, AT.AT_DropNotNull,
    AT.AT_SetStatistics, AT.AT_SetStorage, AT.AT_AddIdentity, AT.AT_SetIdentity, AT.AT_DropIdentity,
    AT.AT_DropExpression, AT.AT_SetCompression, AT.AT_SetOptions, AT.AT_ResetOptions})

class Seen(Visitor):
    """Every relation, column reference, function call, alias and CTE name of one statement."""

    def __init__(self) -> None:
        super().__init__()
        self.relations: list[Any] = []
        self.columns: list[tuple[str, ...]] = []
        self.functions: list[tuple[str, ...]] = []
        self.aliases: dict[str, set[str]] = {}
        self.opaque: set[str] = set()  # aliases of sub-selects and functions: columns unknown
        self.ctes: set[str] = set()
        self.outputs: set[str] = set()  # names of output columns (ORDER BY and GROUP BY may use them)
        self.keys: list[tuple[str, list[str]]] = []  # referenced table and columns of a foreign key

    def visit_RangeVar(self, ancestors: object, node: Any) -> None:
        self.relations.append(node)
        for name in {node.relname, node.alias.aliasname if node.alias else node.relname}:
            self.aliases.setdefault(name, set()).add(qualified(node))

    def visit_RangeSubselect(self, ancestors: object, node: Any) -> None:
        self.opaque.add(node.alias.aliasname if node.alias else "")

    def visit_RangeFunction(self, ancestors: object, node: Any) -> None:
        self.opaque.add(node.alias.aliasname if node.alias else "")

    def visit_CommonTableExpr(self, ancestors: object, node: Any) -> None:
        self.ctes.add(node.ctename)

    def visit_ColumnRef(self, ancestors: object, node: Any) -> None:
        names = tuple(str(f.sval) for f in node.fields if isinstance(f, ast.String))
        if len(names) == len(node.fields):
            self.columns.append(names)

    def visit_FuncCall(self, ancestors: object, node: Any) -> None:
        self.functions.append(tuple(name.sval for name in node.funcname))

    def visit_Constraint(self, ancestors: object, node: Any) -> None:
        if node.contype == enums.ConstrType.CONSTR_FOREIGN and node.pktable is not None:
            self.keys.append((qualified(node.pktable), [name.sval for name in node.pk_attrs or ()]))

    def visit_ResTarget(self, ancestors: object, node: Any) -> None:
        if node.name:
            self.outputs.add(node.name)


def created_relations(statement: Any) -> list[Any]:
    if isinstance(statement, ast.CreateStmt):
        return [statement.relation]
    if isinstance(statement, ast.ViewStmt):
        return [statement.view]
    if isinstance(statement, ast.CreateTableAsStmt):
        into: Any = statement.into
        return [into.rel]
    return [statement.sequence] if isinstance(statement, ast.CreateSeqStmt) else []


def added_columns(statement: Any) -> set[str]:
    """Columns an ALTER TABLE adds: its other commands and expressions may name them."""
    if not isinstance(statement, ast.AlterTableStmt):
        return set()
    return {str(c.def_.colname) for c in statement.cmds or ()
            if c.subtype == AT.AT_AddColumn and isinstance(c.def_, ast.ColumnDef)}


def explicit_columns(statement: Any) -> list[str]:
    """Columns of the statement's own relation that it names outright."""
    if isinstance(statement, ast.InsertStmt):
        names = [t.name for t in statement.cols or ()]
        infer = statement.onConflictClause.infer if statement.onConflictClause else None
        return names + [e.name for e in (infer.indexElems or ()) if e.name] if infer else names
    if isinstance(statement, ast.UpdateStmt):
        return [t.name for t in statement.targetList or () if t.name]
    if isinstance(statement, ast.IndexStmt):
        return [e.name for e in statement.indexParams or () if e.name]
    if isinstance(statement, ast.RenameStmt) and statement.renameType == enums.ObjectType.OBJECT_COLUMN:
        return [str(statement.subname)]
    if isinstance(statement, ast.AlterTableStmt):
        return [c.name for c in statement.cmds or () if c.subtype in COLUMN_COMMANDS and c.name
                and not c.missing_ok]
    return []
