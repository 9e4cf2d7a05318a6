"""Charts as PNG, each with the line it is judged against: timings with their budget (the 30-minute window,
the rollback budget), latencies with their levels (the 2 s checkpoint), watch-mode readings over the
rounds with the row's levels (as Argo shows an AnalysisRun).

A PNG cannot be redacted, so labels are redacted before they are drawn and carry only numbers and
file, statement or route names; `$` is escaped (matplotlib reads `$…$` as mathematics).
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

from deploygates.secrets import redact

LABEL_WIDTH = 64  # characters of a chart label
Line = tuple[float, str]  # a threshold or budget: where, and its name ("window 30 min")
LINE_COLOURS = ("#c0392b", "#e67e22", "#7f8c8d")  # most severe first
OUTCOME_COLOURS = {"pass": "#2e8b57", "hold": "#e67e22", "consider_rollback": "#d35400",
                   "rollback_now": "#c0392b", "inconclusive": "#7f8c8d"}


def label(text: str) -> str:
    """A chart label: redacted, one line, cut to LABEL_WIDTH, `$` escaped."""
    text = redact(" ".join(text.split()))
    text = text if len(text) <= LABEL_WIDTH else text[: LABEL_WIDTH - 1] + "…"
    return text.replace("$", r"\$")


def figure(height: float) -> Any:
    """A matplotlib Figure drawn by the Agg canvas: no pyplot, no display, no global state."""
    from matplotlib.figure import Figure  # loaded on the first chart only: it takes a second

    return Figure(figsize=(9, height), dpi=100, layout="constrained")


def png_of(chart: Any) -> bytes:
    buffer = io.BytesIO()
    chart.savefig(buffer, format="png")
    return buffer.getvalue()


def draw_lines(axes: Any, lines: Sequence[Line], vertical: bool) -> None:
    for (where, name), colour in zip(lines, LINE_COLOURS * 3, strict=False):
        if vertical:
            axes.axvline(where, color=colour, linestyle="--", linewidth=1.5, label=label(name))
        else:
            axes.axhline(where, color=colour, linestyle="--", linewidth=1.5, label=label(name))
    if lines:
        axes.legend(fontsize=8, loc="best")


def bar_chart(title: str, bars: Sequence[tuple[str, float]], unit: str, lines: Sequence[Line] = ()) -> bytes:
    """Horizontal bars, first on top, each with its value; a dashed line per budget."""
    chart = figure(1.4 + 0.32 * max(1, len(bars)))
    axes = chart.add_subplot()
    names, values = [label(name) for name, _ in bars], [value for _, value in bars]
    drawn = axes.barh(range(len(bars)), values, color="#4878a8")
    axes.bar_label(drawn, labels=[f"{value:.3g}" for value in values], padding=3, fontsize=8)
    axes.set_yticks(range(len(bars)), names, fontsize=8)
    axes.invert_yaxis()
    axes.set_xlabel(unit)
    axes.set_title(label(title))
    draw_lines(axes, lines, vertical=True)
    return png_of(chart)


def histogram(title: str, series: Mapping[str, Sequence[float]], unit: str, bins: int = 30,
              lines: Sequence[Line] = ()) -> bytes:
    """One histogram per series (e.g. per route), overlaid on the same bins; a dashed line per level."""
    chart = figure(4)
    axes = chart.add_subplot()
    low, high = min(min(v) for v in series.values()), max(max(v) for v in series.values())
    edges = [low + (high - low) * i / bins for i in range(bins + 1)] if high > low else bins
    for name, values in series.items():
        axes.hist(values, bins=edges, alpha=0.55, label=f"{label(name)} (n={len(values)})")
    axes.set_xlabel(unit)
    axes.set_ylabel("calls")
    axes.set_title(label(title))
    draw_lines(axes, lines, vertical=True)
    axes.legend(fontsize=8)
    return png_of(chart)


def rounds_chart(title: str, readings: Sequence[tuple[float | None, str]], unit: str,
                 lines: Sequence[Line] = ()) -> bytes:
    """Watch mode: each round's value as a point coloured by its outcome (none: a grey mark at the axis),
    joined in order, with the row's levels as dashed lines."""
    chart = figure(3.2)
    axes = chart.add_subplot()
    rounds = list(range(1, len(readings) + 1))
    measured = [(n, value) for n, (value, _) in zip(rounds, readings, strict=True) if value is not None]
    if measured:
        axes.plot([n for n, _ in measured], [v for _, v in measured], color="#4878a8", linewidth=1, zorder=1)
    floor = min([v for _, v in measured] + [where for where, _ in lines] + [0.0])
    for n, (value, outcome) in zip(rounds, readings, strict=True):
        axes.scatter([n], [floor if value is None else value], color=OUTCOME_COLOURS.get(outcome, "#333"),
                     marker="x" if value is None else "o", zorder=2)
    axes.set_xlabel("round")
    axes.set_ylabel(unit)
    axes.set_title(label(title))
    draw_lines(axes, lines, vertical=False)
    return png_of(chart)
