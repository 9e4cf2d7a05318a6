"""Notifications from verdict.json: the one runbook template the verdict calls for, with the window filled in
and its time zone stated, and a one-page stakeholder summary (verdict, root causes, what to do).

    deploygates notify --verdict reports/verdict.json --date 2026-12-05 --start 22:00 --end 23:45 --timezone UTC

Which notice (deployment_procedures.md, "Communication Templates"), by the phase the gates ran and their verdict:
- `-m predeploy` GO: the pre-migration notice (24 hours before the window);
- `-m postdeploy` GO: the completion notice;
- `-m rollback` GO (the rollback verified): the rollback notice;
- anything else: no notice to users (nothing claims success or a restored service that is not proven), and
  the summary says why and which run would write it.
A notice left in the folder by an earlier run is removed, so only what this verdict allows can be sent.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from deploygates.manifest.phases import phases_in
from deploygates.reporting.causes import root_causes
from deploygates.reporting.templates import TEMPLATES
from deploygates.reporting.window import Window
from deploygates.secrets import redact

NOTICE_OF_PHASE = (("rollback", "rollback.txt"), ("postdeploy", "complete.txt"), ("predeploy", "pre-migration.txt"))
CAUSES_LISTED = 20


def notice_for(verdict: dict[str, Any]) -> tuple[str | None, str]:
    """The template this verdict allows (file name), or None, and why, in one sentence."""
    word, phases = str(verdict.get("verdict")), phases_in(str(verdict.get("markexpr") or ""))
    phase, name = next(((p, n) for p, n in NOTICE_OF_PHASE if p in phases), (None, None))
    if word == "GO" and name:
        return name, f"the {phase} gates are GO"
    if word in ("ROLLBACK_NOW", "CONSIDER_ROLLBACK"):
        return None, ("none yet: roll back (or decide not to), verify it with `pytest -m rollback`, then run "
                      "notify on that run's verdict.json for the rollback notice")
    if word == "GO":
        return None, "none: these gates announce nothing to users (notices follow predeploy, postdeploy or rollback)"
    return None, f"none: the verdict is {word}; no notice claims success until the gates are GO"


def summary(verdict: dict[str, Any], window: Window, notice: tuple[str | None, str]) -> str:
    """The one page a product manager reads the morning after."""
    counts = verdict["counts"] if isinstance(verdict.get("counts"), dict) else {}
    recommended = verdict["recommended"] if isinstance(verdict.get("recommended"), dict) else {}
    fields = window.fields()
    lines = [
        f"# Deployment gates: {verdict['verdict']}", "",
        f"**{verdict.get('reason', '')}**", "",
        f"- Window: {fields['date']} {fields['start_time']} to {fields['end_time']}, time zone {window.zone} "
        f"({window.offset()})",
        f"- Target: {verdict.get('target', '?')}; gates selected: {verdict.get('markexpr') or 'all'}",
        f"- Run: {verdict.get('started_at', '?')} → {verdict.get('finished_at', '?')} (UTC); "
        f"exit code {verdict.get('exit_code')}",
        f"- Gates: {sum(counts.values())} — " + ", ".join(f"{name} {count}" for name, count in counts.items()),
        f"- Notification to send: {notice[0] or 'none'} ({notice[1]})", "",
        "## What to do", "", f"{recommended.get('action', '')}",
    ]
    if recommended.get("procedure"):
        lines.append(f"\nProcedure: {recommended['procedure']}")
        lines += [f"- triggered by: {line}" for line in recommended.get("triggered_by") or []]
        steps = [step for step in recommended.get("steps") or [] if isinstance(step, dict)]
        lines += [f"{number}. {step.get('do', '')}: `{step.get('command', '')}`"
                  + (f" (corrected: {step['corrected']})" if step.get("corrected") else "")
                  for number, step in enumerate(steps, 1)]
    lines += ["", "## Root causes", ""]
    causes = root_causes(verdict)
    lines += [f"- **{cause.verdict}** {cause.title} (runbook {', '.join(cause.runbook) or '?'}): "
              f"{cause.message.splitlines()[0] if cause.message else ''} — {cause.meaning}"
              for cause in causes[:CAUSES_LISTED]] or ["None: every gate passed."]
    if len(causes) > CAUSES_LISTED:
        lines.append(f"- … and {len(causes) - CAUSES_LISTED} more (reports/verdict.json)")
    return redact("\n".join(lines) + "\n")


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


def render(verdict: dict[str, Any], window: Window, out: Path) -> list[Path]:
    """Write the notice the verdict allows (removing any other left from an earlier run) and the summary."""
    out.mkdir(parents=True, exist_ok=True)
    notice = notice_for(verdict)
    written = []
    for name, template, _ in TEMPLATES:
        if name == notice[0]:
            (out / name).write_text(template.substitute(window.fields()))
            written.append(out / name)
        else:
            (out / name).unlink(missing_ok=True)
    text = summary(verdict, window, notice)
    (out / "summary.md").write_text(text)
    (out / "summary.html").write_text(as_html(text))
    return [*written, out / "summary.md", out / "summary.html"]
