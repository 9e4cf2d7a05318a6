"""The maintenance window a notice announces: a real date, real times and a named time zone, always stated.

From a TOML file (`date`, `start_time`, `end_time`, `timezone`) and/or options; options win. Nothing is
assumed: without a time zone the notice is refused rather than silently given in UTC. An impossible date or
time (2026-13-45, 25:00) or an unknown zone is refused in one line naming the value and the form expected.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

KEYS = ("date", "start_time", "end_time", "timezone")
OPTION = {"date": "--date", "start_time": "--start", "end_time": "--end", "timezone": "--timezone"}
CLOCK = re.compile(r"^(\d\d):(\d\d)$")
DAY = re.compile(r"^\d{4}-\d\d-\d\d$")  # date.fromisoformat also takes 20261205 and 2026-W49-1


class WindowError(ValueError):
    """The window is incomplete or impossible; the message names the value and the fix."""


@dataclass(frozen=True)
class Window:
    day: date
    start: time
    end: time
    zone: str

    @property
    def crosses_midnight(self) -> bool:
        return self.end <= self.start

    def offset(self) -> str:
        """The zone's offset from UTC on the window's day, e.g. `UTC+01:00`."""
        moment = datetime.combine(self.day, self.start, ZoneInfo(self.zone))
        text = moment.strftime("%z")
        return f"UTC{text[:3]}:{text[3:]}"

    def fields(self) -> dict[str, str]:
        """The runbook templates' placeholders ([DATE], [START_TIME], [END_TIME], [TIMEZONE])."""
        zone = self.zone if self.zone == "UTC" else f"{self.zone} ({self.offset()})"
        end = self.end.strftime("%H:%M") + (" (the next day)" if self.crosses_midnight else "")
        return {"date": self.day.isoformat(), "start_time": self.start.strftime("%H:%M"), "end_time": end,
                "timezone": zone}


def read_file(path: Path) -> dict[str, str]:
    try:
        found = tomllib.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise WindowError(f"--window {path}: no such file") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise WindowError(f"--window {path} is not a TOML file with {', '.join(KEYS)} ({error})") from None
    return {key: str(value) for key, value in found.items() if key in KEYS}


def parse_clock(key: str, text: str) -> time:
    found = CLOCK.match(text.strip())
    if not found or int(found.group(1)) > 23 or int(found.group(2)) > 59:
        raise WindowError(f"{OPTION[key]} {text!r} is not a time of day: give HH:MM from 00:00 to 23:59, e.g. 22:00")
    return time(int(found.group(1)), int(found.group(2)))


def parse_day(text: str) -> date:
    problem = WindowError(f"--date {text!r} is not a calendar date: give YYYY-MM-DD, e.g. 2026-12-05")
    if not DAY.match(text.strip()):
        raise problem
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise problem from None


def parse_window(path: Path | None, overrides: dict[str, str | None]) -> Window:
    given = {**(read_file(path) if path else {}), **{k: v for k, v in overrides.items() if v}}
    missing = [OPTION[key] for key in KEYS if not given.get(key)]
    if missing:
        raise WindowError(f"the maintenance window lacks {', '.join(missing)} (options or --window FILE with "
                          f"{', '.join(KEYS)}); the time zone is never assumed")
    day = parse_day(given["date"])
    start, end = parse_clock("start_time", given["start_time"]), parse_clock("end_time", given["end_time"])
    if start == end:
        raise WindowError(f"--start and --end are both {given['start_time']}: the window has no length")
    zone = given["timezone"].strip()
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise WindowError(f"--timezone {zone!r} is not a known time zone: give an IANA name such as UTC, "
                          "Europe/Berlin or America/New_York") from None
    return Window(day, start, end, zone)
