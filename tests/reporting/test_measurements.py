"""Values for passes too: what a gate measured against its threshold, as k6 prints it after a run, and charts
carrying the line they are judged against."""

from __future__ import annotations

from deploygates.reporting.attachments import attach_measurements
from deploygates.reporting.charts import bar_chart, label, rounds_chart
from deploygates.reporting.measurements import collecting, k6_lines

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def test_a_gates_measurements_are_kept_while_it_runs() -> None:
    """Inside collecting(), attach_measurements keeps its rows (with or without Allure)."""
    with collecting() as found:
        attach_measurements("backup age", [("age", "2.0 h", "24 h", "pass")])
    assert found.rows == [{"what": "age", "measured": "2.0 h", "threshold": "24 h", "verdict": "pass"}]


def test_passes_and_failures_are_ticked_and_crossed() -> None:
    """✓ for a pass, ✗ for anything else, name, value and threshold on one line."""
    lines = k6_lines([{"what": "age", "measured": "2.0 h", "threshold": "24 h", "verdict": "pass"},
                      {"what": "login failures", "measured": "19 %", "threshold": "rollback > 10 %",
                       "verdict": "FAIL"}])
    assert [(line.split()[0], line.split()[-1]) for line in lines] == [("✓", "h"), ("✗", "%")]


def test_watch_readings_collapse_to_their_deciding_one() -> None:
    """Thirty readings of one row are one line: the first failing reading, with the count."""
    rows = [{"what": "p95", "measured": f"{n} s", "threshold": "2 s", "verdict": "FAIL" if n == 3 else "pass"}
            for n in range(30)]
    (line,) = k6_lines(rows)
    assert ("p95 (30 readings)" in line, " 3 s " in line, line.lstrip()[0]) == (True, True, "✗")


def test_a_dollar_label_is_not_mathematics() -> None:
    """`DO $validate$ …` keeps its dollars: they are escaped for matplotlib's mathtext."""
    assert label("DO $validate$ DECLARE") == r"DO \$validate\$ DECLARE"


def test_timings_are_drawn_with_their_budget() -> None:
    """A bar chart with the 30-minute window as a line renders headless."""
    assert bar_chart("phase 1", [("drain", 0.5), ("data.sql", 12.0)], "minutes", [(30.0, "window 30 min")])[:8] == \
        PNG_MAGIC


def test_watch_rounds_are_drawn_against_their_levels() -> None:
    """Readings over the rounds, one missing, with two levels as lines, render headless."""
    png = rounds_chart("p95", [(1.2, "pass"), (None, "inconclusive"), (2.5, "hold")], "seconds",
                       [(5.0, "consider 5 s"), (2.0, "checkpoint 2 s")])
    assert png[:8] == PNG_MAGIC
