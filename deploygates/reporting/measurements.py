"""Measured values against their thresholds, passes included, as k6 prints them at the end of a run:

      ✓ phase 1 forecast (drain, scripts, validation) ........ 1.1 min              ≤ 30 min
      ✗ User login failure rate .............................. 19.00 % from 300 s…  rollback > 10.00 %, …

A gate states them once (`attachments.attach_measurements`); while the pytest layer collects (one
`collecting()` around each test) they are also kept here, travel with the test's report to the
controller, and end up in the terminal summary, verdict.json and the report's first page.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

Row = dict[str, str]  # what, measured, threshold, verdict ("pass" or "FAIL")


@dataclass
class Collected:
    """What one gate stated while it ran: its measurements, and the charts to show inline on its page."""

    rows: list[Row] = field(default_factory=list)
    charts: list[tuple[str, bytes]] = field(default_factory=list)


_collected: ContextVar[Collected | None] = ContextVar("measurements", default=None)
NAME_WIDTH, VALUE_WIDTH = 56, 30
READINGS_SHOWN = 1  # watch mode: rows measured more than once show their deciding reading and the count


@contextmanager
def collecting() -> Iterator[Collected]:
    """Keep every measurement and inline chart stated inside the block (one gate's call)."""
    found = Collected()
    token = _collected.set(found)
    try:
        yield found
    finally:
        _collected.reset(token)


def record(rows: Sequence[tuple[str, str, str, str]]) -> None:
    found = _collected.get()
    if found is not None:
        found.rows += [{"what": w, "measured": m, "threshold": t, "verdict": v} for w, m, t, v in rows]


def keep_chart(name: str, png: bytes) -> None:
    found = _collected.get()
    if found is not None:
        found.charts.append((name, png))


def inline_html(description: str, charts: Sequence[tuple[str, bytes]]) -> str:
    """The gate's description followed by its charts as images inside the page (data URIs: offline)."""
    figures = "".join(
        f'<figure style="margin:1em 0"><img style="max-width:100%" alt="{html.escape(name)}" '
        f'src="data:image/png;base64,{base64.b64encode(png).decode()}"><figcaption>{html.escape(name)}'
        "</figcaption></figure>" for name, png in charts)
    text = "".join(f"<p>{html.escape(paragraph)}</p>" for paragraph in description.split("\n\n") if paragraph.strip())
    return text + figures


def condensed(rows: Sequence[Row]) -> list[Row]:
    """One row per measured thing: repeated readings (watch mode) give their first failing one, else the
    last, with the number of readings."""
    by_name: dict[str, list[Row]] = {}
    for row in rows:
        by_name.setdefault(row["what"], []).append(row)
    shown = []
    for name, readings in by_name.items():
        deciding = next((row for row in readings if row["verdict"] != "pass"), readings[-1])
        count = f" ({len(readings)} readings)" if len(readings) > READINGS_SHOWN else ""
        shown.append({**deciding, "what": name + count})
    return shown


def mark(row: Row) -> str:
    return "✓" if row["verdict"] == "pass" else "✗"


def clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def k6_lines(rows: Sequence[Row]) -> list[str]:
    """The table's lines: mark, name padded with dots, measured value, threshold."""
    lines = []
    for row in condensed(rows):
        name = clip(row["what"], NAME_WIDTH - 2) + " "
        lines.append(f"  {mark(row)} {name:.<{NAME_WIDTH}} {clip(row['measured'], VALUE_WIDTH):<{VALUE_WIDTH}} "
                     f"{row['threshold']}")
    return lines
