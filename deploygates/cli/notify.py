"""`deploygates notify`: the communication template the verdict calls for, and the stakeholder summary,
from verdict.json. A missing, truncated or binary verdict.json, an unknown verdict, an impossible date or
time or an unknown time zone is refused in one line (exit code 2), never with a traceback."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from deploygates.reporting.notify import render
from deploygates.reporting.verdict_file import VerdictFileError, read_verdict
from deploygates.reporting.window import WindowError, parse_window

REFUSED = 2


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--verdict", type=Path, default=Path("reports/verdict.json"),
                        help="the run's verdict.json (default reports/verdict.json)")
    parser.add_argument("--window", type=Path, help="TOML with date, start_time, end_time, timezone")
    parser.add_argument("--date", help="the maintenance window's date, e.g. 2026-12-05")
    parser.add_argument("--start", help="its start time, e.g. 22:00")
    parser.add_argument("--end", help="its end time, e.g. 23:30 (earlier than --start: the next day)")
    parser.add_argument("--timezone", help="the time zone the times are in, e.g. UTC or Europe/Berlin (required)")
    parser.add_argument("--out", type=Path, help="folder (default: notifications/ beside the verdict)")


def run(options: argparse.Namespace) -> int:
    overrides = {"date": options.date, "start_time": options.start, "end_time": options.end,
                 "timezone": options.timezone}
    try:
        window = parse_window(options.window, overrides)
        verdict = read_verdict(options.verdict)
    except (WindowError, VerdictFileError) as error:
        print(f"deploygates notify: {error}", file=sys.stderr)
        return REFUSED
    out = options.out or options.verdict.parent / "notifications"
    try:
        written = render(verdict, window, out)
    except OSError as error:
        print(f"deploygates notify: cannot write into {out}: {error.strerror}; choose another --out", file=sys.stderr)
        return REFUSED
    for path in written:
        print(path)
    return 0
