"""Notifications from verdict.json: the runbook's communication templates with the window filled in,
and a one-page stakeholder summary (verdict, key numbers, what failed, what to do).

    deploygates notify --verdict reports/verdict.json --window window.toml
    deploygates notify --verdict reports/verdict.json --date 2026-12-05 --start 22:00 --end 23:45

The window file holds `date`, `start_time`, `end_time` and `timezone` (default UTC); options override it.
Written to <out>/notifications/ (default: the verdict's folder): the three templates and summary.md.
"""

from __future__ import annotations

import html
import json
import re
import tomllib
from pathlib import Path
from typing import Any

from deploygates.reporting.templates import TEMPLATES
from deploygates.secrets import redact

WINDOW_KEYS = ("date", "start_time", "end_time", "timezone")
SEND = {"GO": "complete.txt", "ROLLBACK_NOW": "rollback.txt", "CONSIDER_ROLLBACK": "rollback.txt (if rolled back)"}


def window(path: Path | None, overrides: dict[str, str | None]) -> dict[str, str]:
    given = tomllib.loads(path.read_text()) if path else {}
    merged = {"timezone": "UTC", **{k: str(v) for k, v in given.items()}, **{k: v for k, v in overrides.items() if v}}
    missing = [key for key in WINDOW_KEYS if not merged.get(key)]
    if missing:
        raise SystemExit(f"notify: the maintenance window lacks {', '.join(missing)} (--window FILE or options)")
    return merged


def failed(verdict: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for item in verdict.get("items", []) if item.get("verdict") != "GO"]


def summary(verdict: dict[str, Any], when: dict[str, str]) -> str:
    """The one page a product manager reads the morning after."""
    counts = verdict.get("counts", {})
    recommended = verdict.get("recommended", {})
    lines = [
        f"# Deployment gates: {verdict['verdict']}", "",
        f"**{verdict.get('reason', '')}**", "",
        f"- Window: {when['date']} {when['start_time']} to {when['end_time']} {when['timezone']}",
        f"- Target: {verdict.get('target', '?')}; gates selected: {verdict.get('markexpr') or 'all'}",
        f"- Run: {verdict.get('started_at', '?')} → {verdict.get('finished_at', '?')}; "
        f"exit code {verdict.get('exit_code')}",
        f"- Gates: {sum(counts.values())} — " + ", ".join(f"{name} {count}" for name, count in counts.items()),
        f"- Notification to send: {SEND.get(str(verdict['verdict']), 'none yet (no decision)')}", "",
        "## What to do", "", f"{recommended.get('action', '')}",
    ]
    if recommended.get("procedure"):
        lines.append(f"\nProcedure: {recommended['procedure']}")
        lines += [f"{number}. `{step.splitlines()[-1]}`" for number, step in enumerate(recommended.get("steps", []), 1)]
    lines += ["", "## What failed", ""]
    rows = failed(verdict)
    lines += [f"- **{item['verdict']}** {item.get('title') or item['nodeid']} "
              f"(runbook {', '.join(item.get('runbook', [])) or '?'}): "
              f"{first_line(item.get('message', '')) or 'no result: the gate did not run'}"
              for item in rows[:20]] or ["Nothing: every gate passed."]
    if len(rows) > 20:
        lines.append(f"- … and {len(rows) - 20} more (reports/verdict.json)")
    return redact("\n".join(lines) + "\n")


def first_line(message: str) -> str:
    meaningful = [line.strip() for line in message.splitlines() if line.strip() and not line.startswith("gate verdict")]
    return next((line.removeprefix("E").strip() for line in meaningful if line.startswith("E ")),
                meaningful[0] if meaningful else "")[:200]


def as_html(markdown: str) -> str:
    """The summary's own small Markdown (headings, bold, list items, code) as one printable page."""
    body = []
    for line in html.escape(markdown).splitlines():
        line = re.sub(r"`([^`]+)`", r"<code>\1</code>", re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", line))
        heading = re.match(r"(#+) (.*)", line)
        if heading:
            body.append(f"<h{len(heading[1])}>{heading[2]}</h{len(heading[1])}>")
        elif line.startswith("- ") or re.match(r"\d+\. ", line):
            body.append(f"<li>{line.split(' ', 1)[1]}</li>")
        elif line:
            body.append(f"<p>{line}</p>")
    style = "body{font:15px/1.5 sans-serif;max-width:60em;margin:2em auto}li{margin:.3em 0}"
    return f"<!doctype html><meta charset=utf-8><title>Deployment gates</title><style>{style}</style>{''.join(body)}"


def render(verdict_path: Path, when: dict[str, str], out: Path) -> list[Path]:
    verdict = json.loads(verdict_path.read_text())
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, template, _ in TEMPLATES:
        (out / name).write_text(template.substitute(when))
        written.append(out / name)
    text = summary(verdict, when)
    (out / "summary.md").write_text(text)
    (out / "summary.html").write_text(as_html(text))
    return [*written, out / "summary.md", out / "summary.html"]
