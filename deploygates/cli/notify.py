"""`deploygates notify`: the runbook's communication templates and the stakeholder summary, from verdict.json."""

from __future__ import annotations

import argparse
from pathlib import Path

from deploygates.reporting.notify import render, window


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--verdict", type=Path, default=Path("reports/verdict.json"),
                        help="the run's verdict.json (default reports/verdict.json)")
    parser.add_argument("--window", type=Path, help="TOML with date, start_time, end_time, timezone")
    parser.add_argument("--date", help="the maintenance window's date, e.g. 2026-12-05")
    parser.add_argument("--start", help="its start time, e.g. 22:00")
    parser.add_argument("--end", help="its end time, e.g. 23:30")
    parser.add_argument("--timezone", help="the time zone the times are in (default UTC)")
    parser.add_argument("--out", type=Path, help="folder (default: notifications/ beside the verdict)")


def run(options: argparse.Namespace) -> int:
    overrides = {"date": options.date, "start_time": options.start, "end_time": options.end,
                 "timezone": options.timezone}
    out = options.out or options.verdict.parent / "notifications"
    for path in render(options.verdict, window(options.window, overrides), out):
        print(path)
    return 0
