"""A table's data before and after a step, in an operator's words first and the evidence after:

    public.journal_entries: 1 of 121,272 rows lost (id 1, written 2023-04-05)

Rows are named by their primary key (from the catalog, whatever the table), and dated by their first
timestamp column (`written` when it is a creation time). The differing rows come as PostgreSQL's record
text (`- (1,"2023-04-05 10:00:00+00",…)` before only, `+ (…)` after only; snapshot.differing_rows).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from deploygates.migration.snapshot import Catalog, Fingerprint

SHOWN = 3  # rows named in the headline
DATED_TYPES = ("timestamp with time zone", "timestamp without time zone", "date")
CREATION = re.compile(r"creat|insert|written|added", re.IGNORECASE)


def parse_record(text: str) -> list[str | None]:
    """PostgreSQL's record output as values: `(1,"a, b",,x)` → ['1', 'a, b', None, 'x']. A quoted field
    doubles its quotes or escapes them with a backslash; an empty unquoted field is NULL."""
    body, at = text.strip()[1:-1], 0
    values: list[str | None] = []
    while True:
        if body[at:at + 1] == '"':
            at, buffer = at + 1, []
            while at < len(body):
                pair = body[at:at + 2]
                if pair in ('""', '\\"', "\\\\"):
                    buffer.append(pair[1])
                    at += 2
                elif body[at] == '"':
                    at += 1
                    break
                else:
                    buffer.append(body[at])
                    at += 1
            values.append("".join(buffer))
        else:
            end = body.find(",", at)
            end = len(body) if end < 0 else end
            values.append(body[at:end] or None)
            at = end
        if at >= len(body):
            return values
        at += 1


def primary_key(catalog: Catalog, table: str) -> list[str]:
    """The table's primary key columns, from the catalog's constraints (none: an empty list)."""
    for identity, definition in catalog.get("constraints", {}).items():
        if identity.rsplit(".", 1)[0] == table and definition.startswith("PRIMARY KEY ("):
            inside = definition[len("PRIMARY KEY ("):definition.index(")")]
            return [name.strip().strip('"') for name in inside.split(",")]
    return []


def column_type(catalog: Catalog, table: str, column: str) -> str:
    definition = catalog.get("columns", {}).get(f"{table}.{column}", "")
    found = re.search(r"type=(.*?) not_null=", definition)
    return found.group(1) if found else ""


def naming(catalog: Catalog, table: str, columns: Sequence[str]) -> tuple[list[str], str | None]:
    """The columns that name a row (its primary key, else all) and the one that dates it, if any."""
    key = [c for c in primary_key(catalog, table) if c in columns] or list(columns)
    dated = [c for c in columns if c not in key and column_type(catalog, table, c) in DATED_TYPES]
    return key, next((c for c in dated if CREATION.search(c)), dated[0] if dated else None)


def described(row: dict[str, str | None], key: list[str], dated: str | None) -> str:
    parts = [f"{column} {row.get(column)}" for column in key]
    if dated and row.get(dated):
        parts.append(f"{'written' if CREATION.search(dated) else dated} {str(row[dated])[:10]}")
    return ", ".join(parts)


def named(rows: Sequence[dict[str, str | None]], key: list[str], dated: str | None, more: int = 0) -> str:
    shown = "; ".join(described(row, key, dated) for row in rows[:SHOWN])
    rest = len(rows) - SHOWN + more
    return f" ({shown}{f'; {rest} more' if rest > 0 else ''})" if shown else ""


def counted(rows: int) -> str:
    return f"{rows:,} row{'' if rows == 1 else 's'}"


def parsed(lines: Sequence[str], columns: Sequence[str], sign: str) -> list[dict[str, str | None]]:
    return [dict(zip(columns, parse_record(line[2:]), strict=False)) for line in lines if line.startswith(sign + " ")]


def data_changes(table: str, before: Fingerprint, after: Fingerprint, lines: Sequence[str],
                 columns: Sequence[str], catalog: Catalog, step: str) -> str:
    """What `step` did to the table's rows, in words, then the differing rows as evidence."""
    if after.rows < 0:
        return f"{table}: the table is gone after {step} ({before.rows:,} rows before)"
    key, dated = naming(catalog, table, columns)
    gone = {tuple(row.get(c) for c in key): row for row in parsed(lines, columns, "-")}
    new = {tuple(row.get(c) for c in key): row for row in parsed(lines, columns, "+")}
    lost = [row for k, row in gone.items() if k not in new]
    added = [row for k, row in new.items() if k not in gone]
    changed = [(row, new[k]) for k, row in gone.items() if k in new]
    parts = []
    lost_count = max(len(lost), before.rows - after.rows)  # more than the lines shown when they were cut
    if lost_count:
        parts.append(f"{lost_count:,} of {before.rows:,} rows lost{named(lost, key, dated, lost_count - len(lost))}")
    if added or after.rows > before.rows:
        parts.append(f"{counted(max(len(added), after.rows - before.rows))} added{named(added, key, dated)}")
    if changed:
        which = ", ".join(sorted({c for old, now in changed for c in columns if old.get(c) != now.get(c)}))
        parts.append(f"{counted(len(changed))} changed in {which}{named([old for old, _ in changed], key, dated)}")
    if not parts:
        parts.append(f"rows changed ({before.rows:,} rows before and after, different content)")
    evidence = "\n".join(lines) or "(the differing rows were not computed)"
    return (f"{table}: {'; '.join(parts)}\n\n"
            f"before and after {step}, rows only before (-) and only after (+):\n{evidence}")
