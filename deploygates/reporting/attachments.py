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
from collections.abc import Callable, Sequence
from pathlib import Path

import allure
import allure_commons

from deploygates.postgres.psql import ScriptRun, is_custom_dump
from deploygates.postgres.queries import CheckResult
from deploygates.reporting.charts import Line, bar_chart, histogram, label, rounds_chart
from deploygates.reporting.measurements import keep_chart, record

MAX_ROWS = 100  # rows (or diff lines) attached at most; the attachment's name says how many there were
MAX_SQL_CHARACTERS = 200_000  # a script's text beyond this is cut (a plain-SQL backup is not worth attaching)
MEASUREMENT_COLUMNS = ("measured", "value", "threshold", "verdict")


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
    """What was measured, its value, the threshold it is held to, and the verdict: one row each. Also kept
    for the run's table of measured values (passes too), with or without --alluredir."""
    record(rows)
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


def attach_chart(name: str, render: Callable[[], bytes], inline: bool = False) -> None:
    """A chart as a PNG attachment; `inline` also shows it on the gate's page, under its description."""
    if not reporting():
        return
    try:
        data = render()
    except ImportError as error:
        attach_text(f"{name} (not drawn)", f"chart not drawn: {error}; pip install matplotlib")
        return
    attach_png(name, data)
    if inline:
        keep_chart(name, data)


def attach_timings(name: str, durations: Sequence[tuple[str, float]], budget: Line | None = None,
                   unit: str = "seconds") -> None:
    """Durations per file, step or statement: a CSV, and a bar chart (shown inline) with the budget's line."""
    scale = 60.0 if unit == "minutes" else 1.0
    attach_table(name, ("step", unit), [(step, f"{seconds / scale:.3f}") for step, seconds in durations])
    bars = [(step, seconds / scale) for step, seconds in durations]
    attach_chart(f"{name} (chart)", lambda: bar_chart(name, bars, unit, [budget] if budget else []), inline=True)


__all__ = [
    "attach_chart", "attach_check", "attach_diff", "attach_measurements", "attach_png", "attach_script_run",
    "attach_sql", "attach_table", "attach_text", "attach_timings", "bar_chart", "histogram", "label", "rounds_chart",
    "verdict",
]
