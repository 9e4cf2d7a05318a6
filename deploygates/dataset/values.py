"""A column's generated value as a SQL expression of the row's ordinal `n` and the seed: deterministic
(pg_temp.h and pg_temp.uid, seeded in deploygates/sql/dataset/prologue.sql), inside what the column's type
and CHECK constraints allow, and distinct per row where a unique key needs it.
"""

from __future__ import annotations

from psycopg import sql

from deploygates.dataset.catalog import Column
from deploygates.dataset.rules import Allowed

INTEGER_LIMITS = {"int2": 32_767, "int4": 2_147_483_647, "int8": 9_223_372_036_854_775_807}
DAYS_BACK = 400
# Column names whose usual content a CHECK or an application expects in a shape (pattern checks, e-mails):
# (word in the column name, literal before the ordinal, literal after it).
SHAPED = (
    ("email", "{col}.", "@example.test"),
    ("slug", "{col}-", ""),
    ("handle", "{col}-", ""),
    ("username", "{col}", ""),
    ("url", "https://example.test/{col}/", ""),
    ("website", "https://example.test/{col}/", ""),
)


class Unfillable(Exception):
    """No value of this column's type can be generated; the message says which column and type."""


def h(kind: str, n: sql.Composable) -> sql.Composable:
    """A seeded 32-bit hash of (kind, n)."""
    return sql.SQL("pg_temp.h({}, {})").format(sql.Literal(kind), n)


def pick(values: list[object], kind: str, n: sql.Composable, digit: sql.Composable | None = None) -> sql.Composable:
    """One of `values`: the `digit`-th (when a unique key enumerates them) or a hashed choice."""
    index = digit if digit is not None else sql.SQL("{} % {}").format(h(kind, n), sql.Literal(len(values)))
    array = sql.SQL("ARRAY[{}]").format(sql.SQL(", ").join(sql.Literal(v) for v in values))
    return sql.SQL("({})[1 + {}]").format(array, index)


def _text(column: Column, allowed: Allowed, kind: str, n: sql.Composable) -> sql.Composable:
    name = column.name.lower()
    if "color" in name or "colour" in name:
        return sql.SQL("'#' || substr(md5({}::text), 1, 6)").format(h(kind, n))
    if "phone" in name:
        return sql.SQL("'+1555' || lpad(({} % 10000000)::text, 7, '0')").format(n)
    if allowed.pattern is not None and "email" not in name:
        # Letters only (the ordinal's digits spelled a-j): what slug- and key-like patterns accept.
        letters = "".join(ch for ch in name if "a" <= ch <= "z") or "x"
        value: sql.Composable = sql.SQL("{} || translate({}::text, '0123456789', 'abcdefghij')").format(
            sql.Literal(letters), n)
    elif any(word in name for word in ("token", "hash", "secret", "key", "code")):
        value = sql.SQL("md5({} || ':' || {}::text)").format(sql.Literal(kind), n)
    else:
        before, after = next(((b, a) for word, b, a in SHAPED if word in name), ("{col} ", ""))
        value = sql.SQL("{} || {}::text || {}").format(
            sql.Literal(before.format(col=name.replace("_", "-") if "-" in before else column.name)), n,
            sql.Literal(after))
    limit = min(x for x in (column.max_length, allowed.max_length, 10_000) if x is not None)
    if allowed.min_length:
        value = sql.SQL("rpad({}, {}, 'x')").format(value, sql.Literal(allowed.min_length))
    return sql.SQL("left({}, {})").format(value, sql.Literal(limit))


def _number(column: Column, allowed: Allowed, kind: str, n: sql.Composable, unique: bool) -> sql.Composable:
    low = int(allowed.low) if allowed.low is not None else (1 if unique else 0)
    top = INTEGER_LIMITS.get(column.base_type, 10 ** ((column.numeric_precision or 9) - (column.numeric_scale or 0)))
    high = int(min(allowed.high if allowed.high is not None else top, top))
    if unique:
        return sql.SQL("({} + {} - 1)").format(sql.Literal(low), n)
    span = max(1, min(high - low + 1, 1000))
    value = sql.SQL("({} + {} % {})").format(sql.Literal(low), h(kind, n), sql.Literal(span))
    if column.base_type in ("numeric", "float4", "float8"):
        return sql.SQL("({} + ({} % 100) / 100.0)").format(value, h(kind + "/frac", n)) \
            if allowed.high is None and (column.numeric_scale or 2) > 0 else value
    return value


def scalar(column: Column, category: str, base: str, allowed: Allowed, kind: str, n: sql.Composable,
           unique: bool, digit: sql.Composable | None) -> sql.Composable:
    if allowed.values is not None and allowed.values:
        return pick(allowed.values, kind, n, digit)
    if column.labels and category == "E":
        return pick(list(column.labels), kind, n, digit)
    if category == "B":
        return sql.SQL("({} = 0)").format(digit) if digit is not None else sql.SQL("({} % 2 = 0)").format(h(kind, n))
    if category == "S":
        return _text(column, allowed, kind, n)
    if category == "N" and base != "money":
        return _number(column, allowed, kind, n, unique)
    if base in ("timestamptz", "timestamp", "date"):
        seconds = sql.SQL("{}") .format(n) if unique else sql.SQL("{} % {}").format(h(kind, n),
                                                                                   sql.Literal(DAYS_BACK * 86400))
        return sql.SQL("(timestamptz '2025-01-01 00:00:00+00' - make_interval(secs => {}))").format(seconds)
    if base in ("time", "timetz"):
        return sql.SQL("(time '00:00' + make_interval(secs => {} % 86400))").format(h(kind, n))
    if base == "interval":
        return sql.SQL("make_interval(secs => {} % 86400)").format(h(kind, n))
    if base == "uuid":
        return sql.SQL("pg_temp.uid({}, {})").format(sql.Literal(kind), n)
    if base in ("json", "jsonb"):
        return sql.SQL("'{}'")
    if base == "bytea":
        return sql.SQL("decode(md5({} || {}::text), 'hex')").format(sql.Literal(kind), n)
    if base in ("inet", "cidr"):
        return sql.SQL("('10.' || {0} / 65536 % 256 || '.' || {0} / 256 % 256 || '.' || {0} % 256)").format(n)
    if base == "tsvector":
        return sql.SQL("to_tsvector('simple', {} || ' ' || {}::text)").format(sql.Literal(column.name), n)
    if base == "money":
        return sql.SQL("({} % 100000 / 100.0)::numeric").format(h(kind, n))
    raise Unfillable(f"column {column.name} of type {column.type}")


def value_of(column: Column, allowed: Allowed, kind: str, n: sql.Composable, unique: bool = False,
             digit: sql.Composable | None = None) -> sql.Composable:
    """The column's generated value, cast to its type."""
    if column.category == "A":
        element = Column(**{**column.__dict__, "category": column.element_category or "S",
                            "base_type": (column.element_type or "text").split("(")[0], "max_length": None})
        inner = scalar(element, element.category, element.base_type, allowed, kind, n, False, digit)
        value: sql.Composable = sql.SQL("ARRAY[{}]").format(inner)
    else:
        value = scalar(column, column.category, column.base_type, allowed, kind, n, unique, digit)
    return sql.SQL("CAST({} AS {})").format(value, sql.SQL(column.type))
