"""Evidence on a gate's Allure result, for a stakeholder or a DBA to open: the SQL that ran, the rows a
check returned, measured values against their thresholds, timings, snapshot differences, and charts.

Every text attachment is redacted as it is written (deploygates/reporting/allure_writer.py). A PNG cannot be, so
charts carry only numbers and file, statement or route names, and even those are redacted before
they are drawn. Nothing is built without --alluredir, and an attachment never changes a gate's
outcome: a chart that cannot be drawn (matplotlib missing) is replaced by a note saying so.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import allure
import allure_commons

from deploygates.postgres.psql import ScriptRun, is_custom_dump
from deploygates.postgres.queries import CheckResult
from deploygates.secrets import redact

MAX_ROWS = 100  # rows (or diff lines) attached at most; the attachment's name says how many there were
MAX_SQL_CHARACTERS = 200_000  # a script's text beyond this is cut (a plain-SQL backup is not worth attaching)
MEASUREMENT_COLUMNS = ("measured", "value", "threshold", "verdict")
LABEL_WIDTH = 64  # characters of a chart label


def reporting() -> bool:
    """Allure results are being written (--alluredir): without them every attachment is skipped unbuilt."""
    return bool(allure_commons.plugin_manager.hook.attach_data.get_hookimpls())


def attach_text(name: str, text: str) -> None:
    if reporting():
        allure.attach(text, name=name, attachment_type=allure.attachment_type.TEXT)


def attach_sql(path: Path, name: str | None = None) -> None:
    """The SQL file's text (shown inline by the report, saved as .sql)."""
    if reporting() and not is_custom_dump(path):
        text = path.read_text(errors="replace")
        if len(text) > MAX_SQL_CHARACTERS:
            text = f"{text[:MAX_SQL_CHARACTERS]}\n-- … cut: first {MAX_SQL_CHARACTERS:,} of {len(text):,} characters"
        allure.attach(text, name=name or f"SQL {path.name}",
                      attachment_type="text/plain", extension="sql")


def csv_text(columns: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(["NULL" if value is None else value for value in row] for row in rows)
    return buffer.getvalue()


def counted(shown: int, total: int, more: bool = False, noun: str = "rows") -> str:
    """`12 rows`, or `first 100 of 250 rows` (`of at least` when the source itself stopped counting)."""
    of = f"at least {total}" if more else str(total)
    noun = noun.removesuffix("s") if total == 1 and not more else noun
    return f"first {shown} of {of} {noun}" if shown < total or more else f"{total} {noun}"


def attach_table(name: str, columns: Sequence[str], rows: Sequence[Sequence[object]], more: bool = False) -> None:
    """Rows as CSV (the report shows a table), the first MAX_ROWS; the name says how many there were."""
    if reporting():
        shown = rows[:MAX_ROWS]
        allure.attach(csv_text(columns, shown), name=f"{name} ({counted(len(shown), len(rows), more)})",
                      attachment_type=allure.attachment_type.CSV)


def verdict(passed: bool) -> str:
    return "pass" if passed else "FAIL"


def attach_measurements(name: str, rows: Sequence[tuple[str, str, str, str]]) -> None:
    """What was measured, its value, the threshold it is held to, and the verdict: one row each."""
    attach_table(name, MEASUREMENT_COLUMNS, rows)


def attach_check(result: CheckResult, rows: str = "violating rows") -> None:
    """A check: its SQL, and the rows it returned (a check's violating rows: none when it passes)."""
    attach_sql(result.query.path)
    timed = f" in {result.seconds:.2f} s" if result.seconds else ""
    attach_table(f"{rows}, {result.query.name}{timed}", result.columns, result.rows, result.truncated)


def attach_script_run(run: ScriptRun) -> None:
    """A `psql -f` run: the script's SQL, and what psql printed, its exit status and duration in the name."""
    attach_sql(run.file)
    status = "ok" if run.ok else f"exit {run.returncode}"
    attach_text(f"psql -f {run.file.name}: {status} in {run.seconds:.2f} s", run.output.strip() or "(no output)")


def attach_diff(name: str, lines: Sequence[str]) -> None:
    """Differences, one a line (`- ` before only, `+ ` after only, `~ ` changed); nothing when there are none."""
    if lines:
        shown = lines[:MAX_ROWS]
        attach_text(f"{name} ({counted(len(shown), len(lines), noun='lines')})", "\n".join(shown))


def attach_png(name: str, data: bytes) -> None:
    if reporting():
        allure.attach(data, name=name, attachment_type=allure.attachment_type.PNG)


def attach_chart(name: str, render: Callable[[], bytes]) -> None:
    if not reporting():
        return
    try:
        data = render()
    except ImportError as error:
        attach_text(f"{name} (not drawn)", f"chart not drawn: {error}; pip install matplotlib")
        return
    attach_png(name, data)


def attach_timings(name: str, durations: Sequence[tuple[str, float]]) -> None:
    """Durations per file, step or statement: a CSV and a bar chart."""
    attach_table(name, ("step", "seconds"), [(step, f"{seconds:.3f}") for step, seconds in durations])
    attach_chart(f"{name} (chart)", lambda: bar_chart(name, durations, "seconds"))


def label(text: str) -> str:
    text = redact(" ".join(text.split()))
    return text if len(text) <= LABEL_WIDTH else text[: LABEL_WIDTH - 1] + "…"


def figure(height: float) -> Any:
    """A matplotlib Figure drawn by the Agg canvas: no pyplot, no display, no global state."""
    from matplotlib.figure import Figure  # loaded on the first chart only: it takes a second

    return Figure(figsize=(9, height), dpi=100, layout="constrained")


def png_of(chart: Any) -> bytes:
    buffer = io.BytesIO()
    chart.savefig(buffer, format="png")
    return buffer.getvalue()


def bar_chart(title: str, bars: Sequence[tuple[str, float]], unit: str) -> bytes:
    """Horizontal bars, first on top, each with its value."""
    chart = figure(1.2 + 0.32 * max(1, len(bars)))
    axes = chart.add_subplot()
    names, values = [label(name) for name, _ in bars], [value for _, value in bars]
    drawn = axes.barh(range(len(bars)), values, color="#4878a8")
    axes.bar_label(drawn, labels=[f"{value:.3g}" for value in values], padding=3, fontsize=8)
    axes.set_yticks(range(len(bars)), names, fontsize=8)
    axes.invert_yaxis()
    axes.set_xlabel(unit)
    axes.set_title(label(title))
    return png_of(chart)


def histogram(title: str, series: Mapping[str, Sequence[float]], unit: str, bins: int = 30) -> bytes:
    """One histogram per series (e.g. per route), overlaid on the same bins."""
    chart = figure(4)
    axes = chart.add_subplot()
    low, high = min(min(v) for v in series.values()), max(max(v) for v in series.values())
    edges = [low + (high - low) * i / bins for i in range(bins + 1)] if high > low else bins
    for name, values in series.items():
        axes.hist(values, bins=edges, alpha=0.55, label=f"{label(name)} (n={len(values)})")
    axes.set_xlabel(unit)
    axes.set_ylabel("calls")
    axes.set_title(label(title))
    axes.legend(fontsize=8)
    return png_of(chart)


__all__ = [
    "attach_chart", "attach_check", "attach_diff", "attach_measurements", "attach_png", "attach_script_run",
    "attach_sql", "attach_table", "attach_text", "attach_timings", "bar_chart", "histogram", "verdict",
]
