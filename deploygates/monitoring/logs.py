"""Critical errors in the application's logs (runbook MON30-5, and step 8's `kubectl logs -l app=virtue-app
--tail=100 | grep -i error`).

Lines come from the platform (Kubernetes: the last lines of every app pod's log; the sandbox: its
platform history) and, on the sandbox, from the app process's own log. A line is critical when it
matches [monitoring].critical_log_pattern (fatal, critical, panic, a traceback), not merely "error":
step 8's grep also matches log lines about handled, expected errors. An unreadable log is no data.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from deploygates.monitoring.measure import Measurement, unavailable
from deploygates.secrets import redact


def critical(lines: Sequence[str], pattern: str) -> list[str]:
    found = re.compile(pattern)
    return [line for line in lines if found.search(line)]


def tail(path: Path, lines: int) -> list[str]:
    return path.read_text(errors="replace").splitlines()[-lines:]


def measure(platform_lines: Sequence[str] | str, app_logs: Sequence[Path], lines: int, pattern: str) -> Measurement:
    """How many of the recent log lines are critical; `platform_lines` is the problem text when unreadable."""
    where = "application logs (platform" + (", sandbox app process" if app_logs else "") + ")"
    if isinstance(platform_lines, str):
        return unavailable(where, f"the platform's logs could not be read: {platform_lines}")
    read = list(platform_lines)
    try:
        for log in app_logs:
            read += tail(log, lines)
    except OSError as error:
        return unavailable(where, f"the app's log {error.filename} could not be read: {error.strerror}")
    hits = critical(read, pattern)
    shown = "; ".join(redact(line.strip())[:200] for line in hits[:3])
    return Measurement(float(len(hits)), len(read), where,
                       detail=f"{len(hits)} critical of {len(read)} lines read" + (f": {shown}" if shown else ""))
