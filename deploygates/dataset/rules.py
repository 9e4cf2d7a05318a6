"""What a table's CHECK constraints allow of each column, read with PostgreSQL's own parser: a list of
values (`IN`, `= ANY (ARRAY[…])`, `<@ ARRAY[…]` on arrays), a range (`>=`, `>`, `<=`, `<`, `BETWEEN`), a
length limit (`char_length`/`length`), a non-empty array (`cardinality(…) > 0`), a pattern (`~`).

Only conjunctions are read; anything else is left to the generated rows' filter (the whole CHECK, as
PostgreSQL wrote it, is also a WHERE clause on the generated rows: a row that would violate it is not
inserted).
"""

# pglast types every child of a node as optional; the shapes read here are checked by isinstance first.
# mypy: disable-error-code="index,arg-type,union-attr"
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pglast
from pglast import ast
from pglast.enums import A_Expr_Kind, BoolExprType

LOWER = {">=": 0, ">": 1}
UPPER = {"<=": 0, "<": 1}


@dataclass
class Allowed:
    values: list[object] | None = None  # a finite list (strings or numbers)
    low: float | None = None
    high: float | None = None
    max_length: int | None = None
    min_length: int | None = None
    non_empty: bool = False
    pattern: str | None = None

    @property
    def finite(self) -> int | None:
        """How many values the column can take, when it is a known finite number."""
        if self.values is not None:
            return len(self.values)
        if self.low is not None and self.high is not None and float(self.high - self.low) < 1e6:
            return int(self.high - self.low) + 1
        return None


@dataclass
class Rules:
    columns: dict[str, Allowed] = field(default_factory=dict)

    def of(self, column: str) -> Allowed:
        return self.columns.setdefault(column, Allowed())


def _constant(node: Any) -> object | None:
    while isinstance(node, ast.TypeCast):
        node = node.arg
    if isinstance(node, ast.A_Const) and not node.isnull:
        value = node.val
        for attribute in ("ival", "fval", "sval", "boolval"):
            if hasattr(value, attribute):
                found = getattr(value, attribute)
                return float(found) if attribute == "fval" else found
    if isinstance(node, ast.A_Expr) and node.kind == A_Expr_Kind.AEXPR_OP and node.lexpr is None:
        inner = _constant(node.rexpr)  # a negative number: unary minus
        if isinstance(inner, int | float) and node.name[0].sval == "-":
            return -inner
    return None


def _column(node: Any) -> str | None:
    while isinstance(node, ast.TypeCast):
        node = node.arg
    if isinstance(node, ast.ColumnRef) and len(node.fields) == 1 and isinstance(node.fields[0], ast.String):
        return str(node.fields[0].sval)
    return None


def _length_of(node: Any) -> str | None:
    if isinstance(node, ast.FuncCall) and node.funcname[-1].sval in ("char_length", "length") and node.args:
        return _column(node.args[0])
    return None


def _array(node: Any) -> list[object] | None:
    while isinstance(node, ast.TypeCast):
        node = node.arg
    literal = _constant(node)
    if isinstance(literal, str) and literal.startswith("{") and literal.endswith("}"):  # '{a,b}'::text[]
        return [item.strip().strip('"') for item in literal[1:-1].split(",") if item.strip()]
    if isinstance(node, ast.A_ArrayExpr):
        values = [_constant(element) for element in node.elements or ()]
        return values if all(v is not None for v in values) else None
    return None


def _comparison(expr: Any, rules: Rules) -> None:
    operator = expr.name[-1].sval
    column, value = _column(expr.lexpr), _constant(expr.rexpr) if expr.rexpr is not None else None
    if column is None and isinstance(expr.lexpr, ast.FuncCall):
        name = expr.lexpr.funcname[-1].sval
        if name == "cardinality" and expr.lexpr.args and operator in (">", ">=") and value in (0, 1):
            target = _column(expr.lexpr.args[0])
            if target:
                rules.of(target).non_empty = True
        target = _length_of(expr.lexpr)
        if target and isinstance(value, int):
            if operator in UPPER:
                rules.of(target).max_length = value - UPPER[operator]
            elif operator in LOWER:
                rules.of(target).min_length = value + LOWER[operator]
        return
    if column is None:
        return
    if operator == "~" and isinstance(value, str):
        rules.of(column).pattern = value
    elif operator == "<@" and (values := _array(expr.rexpr)) is not None:
        rules.of(column).values = values
        rules.of(column).non_empty = rules.of(column).non_empty
    elif isinstance(value, int | float) and operator in LOWER:
        rules.of(column).low = value + LOWER[operator]
    elif isinstance(value, int | float) and operator in UPPER:
        rules.of(column).high = value - UPPER[operator]


def _read(node: Any, rules: Rules) -> None:
    if isinstance(node, ast.BoolExpr) and node.boolop == BoolExprType.AND_EXPR:
        for argument in node.args:
            _read(argument, rules)
        return
    if not isinstance(node, ast.A_Expr):
        return
    column = _column(node.lexpr) if node.lexpr is not None else None
    if node.kind == A_Expr_Kind.AEXPR_OP:
        _comparison(node, rules)
    elif node.kind == A_Expr_Kind.AEXPR_IN and column and node.name[-1].sval == "=":
        values = [_constant(v) for v in node.rexpr]
        if all(v is not None for v in values):
            rules.of(column).values = values
    elif node.kind == A_Expr_Kind.AEXPR_OP_ANY and column and node.name[-1].sval == "=":
        listed = _array(node.rexpr)
        if listed is not None:
            rules.of(column).values = listed
    elif node.kind == A_Expr_Kind.AEXPR_BETWEEN and column:
        low, high = (_constant(v) for v in node.rexpr)
        if isinstance(low, int | float) and isinstance(high, int | float):
            rules.of(column).low, rules.of(column).high = low, high


def check_expression(definition: str) -> str:
    """The boolean expression of a `CHECK (…)` as pg_get_constraintdef writes it."""
    body = definition.strip()
    body = body.removesuffix("NOT VALID").strip()
    return body[len("CHECK"):].strip() if body.upper().startswith("CHECK") else body


def read_rules(definitions: list[str]) -> Rules:
    rules = Rules()
    for definition in definitions:
        try:
            parsed = pglast.parse_sql("SELECT " + check_expression(definition))
        except pglast.parser.ParseError:
            continue
        statement: Any = parsed[0].stmt
        _read(statement.targetList[0].val, rules)
    return rules
