"""`deploygates signoff`: record or review sign-offs.

    deploygates signoff record ENV-5 --who "Dana Whitfield (DevOps)" --evidence https://tickets.example/OPS-1
    deploygates signoff record CONTACT-1 --who "Dana Whitfield (DevOps)" --evidence https://oncall.example \\
        --contact "Priya Raman, +1 555 0100, priya@example.com"
    deploygates signoff status            # every sign-off item and what is wrong with it
    deploygates signoff template > signoffs.toml

`record` writes (or replaces) the item's entry in signoffs.toml (or --file), dated now unless --when
is given, and refuses ids that are not sign-off items of runbook.toml or values that are placeholders.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from deploygates.manifest.runbook import load_manifest
from deploygates.manifest.signoffs import (
    CLOCK_SKEW,
    CONTACT_PREFIX,
    DEFAULT_FILE,
    EXAMPLE_FILE,
    field_problem,
    open_book,
    signoff_items,
)

HEADER = """# Sign-offs: runbook items only a person can attest (see deploygates/manifest/signoffs.py).
# Written by `deploygates signoff record`; one table per runbook id.
"""


def toml_value(value: Any) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a valid TOML basic string


def dump(entries: dict[str, dict[str, Any]]) -> str:
    order = {item_id: index for index, item_id in enumerate(load_manifest())}
    blocks = [HEADER]
    for item_id in sorted(entries, key=lambda key: order.get(key, len(order))):
        lines = [f"[{item_id}]", *(f"{key} = {toml_value(value)}" for key, value in entries[item_id].items())]
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


def record(path: Path, item_id: str, who: str, evidence: str, contact: str | None, when: datetime) -> str | None:
    """Write the entry; the reason it was refused, or None."""
    item = load_manifest().get(item_id)
    if item is None or item.kind != "signoff":
        known = ", ".join(i.id for i in signoff_items())
        return f"{item_id} is not a sign-off item of runbook.toml; sign-off items: {known}"
    if item_id.startswith(CONTACT_PREFIX) and not contact:
        return f"{item_id} is an emergency contact: give the contact itself with --contact \"NAME, PHONE, E-MAIL\""
    values = {"who": who, "when": when, "evidence": evidence, **({"contact": contact} if contact else {})}
    bad = [f"{key} is {shown}" for key, value in values.items() if (shown := field_problem(key, value))]
    if bad:
        return f"{item_id} not recorded: {'; '.join(bad)}; give the real value"
    if when > datetime.now(UTC) + CLOCK_SKEW:
        return f"{item_id} not recorded: --when {when.isoformat()} is in the future; a sign-off attests what was done"
    try:
        entries = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return f"{path} is not a readable sign-off file (TOML); fix or move it, then record again"
    entries[item_id] = values
    path.write_text(dump(entries))
    return None


def status(path: Path, max_age_days: float) -> int:
    book = open_book(path, timedelta(days=max_age_days))
    problems = [problem for item in signoff_items() if (problem := book.problem(item.id))]
    for line in problems or [f"every sign-off item is signed off in {path}"]:
        print(line)
    return 1 if problems else 0


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE,
                        help="sign-off file (default: signoffs.toml in the current directory)")
    commands = parser.add_subparsers(dest="signoff_command", required=True, metavar="record|status|template")
    add = commands.add_parser("record", help="record a person's sign-off of a runbook item")
    add.add_argument("item_id", metavar="ID", help="a sign-off item of runbook.toml (`status` lists them)")
    add.add_argument("--who", required=True, help='the person attesting, with their role: "NAME (ROLE)"')
    add.add_argument("--evidence", required=True, help="where to see it: a ticket, a message, a document")
    add.add_argument("--contact", help="CONTACT-* items: the contact itself (name, phone, e-mail)")
    add.add_argument("--when", type=datetime.fromisoformat, help="ISO date-time with offset (default now)")
    show = commands.add_parser("status", help="list what is missing, stale or a placeholder")
    show.add_argument("--max-age-days", type=float, default=7.0, help="oldest acceptable sign-off (default 7)")
    commands.add_parser("template", help="print a sign-off file to fill in (every item, placeholders to replace)")


def run(options: argparse.Namespace) -> int:
    if options.signoff_command == "status":
        return status(options.file, options.max_age_days)
    if options.signoff_command == "template":
        print(EXAMPLE_FILE.read_text(), end="")
        return 0
    when = options.when or datetime.now(UTC).replace(microsecond=0)
    if when.tzinfo is None:
        print("deploygates signoff: --when needs an offset, like 2025-01-02T18:00:00+00:00", file=sys.stderr)
        return 2
    refused = record(options.file, options.item_id, options.who, options.evidence, options.contact, when)
    if refused:
        print(refused, file=sys.stderr)
        return 2
    print(f"recorded {options.item_id} in {options.file}")
    return 0
