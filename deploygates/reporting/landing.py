"""The first screen of the HTML report: the verdict in words and colour, its root causes in plain language
(what happened, what it means for users, what to do next), target, time and commit, what was measured
against its threshold (passes too), the rollback procedure when the verdict calls for one, and links
into the Allure tree. Built from the run's verdict.json and written into Allure's single offline file.
"""

from __future__ import annotations

import base64
import binascii
import html
import json
import re
from string import Template
from typing import Any

from deploygates import resources
from deploygates.reporting.causes import Cause, root_causes
from deploygates.reporting.measurements import condensed, mark
from deploygates.secrets import redact

TEMPLATE = resources.PACKAGE_DIR / "reporting" / "landing.html"
RESULTS_VERDICT = "deploygates-verdict.json"  # the verdict the gates write beside their Allure results
NODEID_LABEL = "gate"  # the Allure label carrying a gate's pytest node id (fixtures/measured.py)
CAUSES_SHOWN = 8
WORDS = {"GO": "go on with the runbook", "HOLD": "do not go on", "CONSIDER_ROLLBACK": "consider a rollback",
         "ROLLBACK_NOW": "roll back now", "INCONCLUSIVE": "no decision: something could not be measured"}
TEST_CASE = re.compile(r'd\("data/test-cases/([0-9a-f]+)\.json","([A-Za-z0-9+/=]*)"\)')


def e(value: object) -> str:
    return html.escape(redact(str(value)))


def prose(value: object) -> str:
    """Escaped text whose `backticked` parts are shown as code."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", e(value))


def report_links(page: str) -> dict[str, str]:
    """Node id → the report's own id of its test result (for `#testresult/<id>` links)."""
    links = {}
    for uid, encoded in TEST_CASE.findall(page):
        try:
            labels = json.loads(base64.b64decode(encoded)).get("labels", [])
        except (ValueError, binascii.Error):
            continue
        links.update({label["value"]: uid for label in labels if label.get("name") == NODEID_LABEL})
    return links


def when(text: object) -> str:
    """An ISO time as `2026-12-02 12:44 UTC` (the verdict writes UTC)."""
    found = re.match(r"(\d{4}-\d\d-\d\d)T(\d\d:\d\d)", str(text))
    return f"{found.group(1)} {found.group(2)} UTC" if found else str(text or "?")


def open_link(nodeid: str, links: dict[str, str], text: str = "open in the report") -> str:
    uid = links.get(nodeid)
    return f'<a class="open" href="#testresult/{uid}">{e(text)} →</a>' if uid else ""


def banner(verdict: dict[str, Any], environment: dict[str, str]) -> str:
    word = str(verdict.get("verdict", "INCONCLUSIVE"))
    counts = verdict.get("counts") or {}
    tally = ", ".join(f"{count} {name}" for name, count in counts.items() if count)
    causes = len(root_causes(verdict))
    headline = (f"{causes} root cause{'' if causes == 1 else 's'} among {sum(counts.values())} gates"
                if causes else str(verdict.get("reason", "")))
    facts = (f"target {e(verdict.get('target', '?'))} · gates {e(verdict.get('markexpr') or 'all')} · "
             f"{e(when(verdict.get('started_at')))} → {e(when(verdict.get('finished_at')))} · "
             f"commit {e(environment.get('commit', 'unknown'))} · exit code {e(verdict.get('exit_code', '?'))}")
    return (f'<section class="banner v-{e(word)}"><div class="word">{e(word)}</div><div>'
            f'<p class="action">{e(WORDS.get(word, ""))}: {e(headline)}</p>'
            f'<p class="facts">{facts}</p><p class="facts">{e(tally)}</p></div></section>'
            '<nav><a href="#">Overview</a><a href="#behaviors">Runbook tree</a><a href="#categories">Categories</a>'
            '<a href="#suites">Every gate</a></nav>')


def cause_card(cause: Cause, links: dict[str, str]) -> str:
    """One root cause: its words first, the evidence folded under them."""
    first, _, evidence = cause.message.strip().partition("\n")
    folded = (f"<details><summary>evidence</summary><pre>{e(evidence.strip())}</pre></details>"
              if evidence.strip() else "")
    return (f'<article class="cause v-{e(cause.verdict)}"><h3><span class="tag v-{e(cause.verdict)}">'
            f'{e(cause.verdict)}</span>{e(cause.title)}</h3><dl>'
            f"<dt>What happened</dt><dd><b>{prose(first)}</b>{folded}</dd>"
            f"<dt>What it means for users</dt><dd>{prose(cause.meaning)}</dd>"
            f"<dt>What to do next</dt><dd>{prose(cause.next_step)}</dd></dl>"
            f"{open_link(cause.nodeid, links)}</article>")


def causes_section(verdict: dict[str, Any], links: dict[str, str]) -> str:
    causes = root_causes(verdict)
    if not causes:
        return ('<h2>Root causes</h2><p>None: every gate that ran passed.</p>' if verdict.get("verdict") == "GO"
                else "<h2>Root causes</h2><p>No gate result was recorded: the run stopped before its gates.</p>")
    more = len(causes) - CAUSES_SHOWN
    tail = f"<p>… and {more} more: see Categories and Every gate.</p>" if more > 0 else ""
    return (f"<h2>Root causes ({len(causes)})</h2>" + "".join(cause_card(c, links) for c in causes[:CAUSES_SHOWN])
            + tail)


def procedure_section(verdict: dict[str, Any]) -> str:
    recommended = verdict.get("recommended") or {}
    steps = recommended.get("steps") or []
    if not steps:
        return ""
    triggered = "".join(f"<li>{e(line)}</li>" for line in recommended.get("triggered_by") or [])
    listed = "".join(
        f"<li>{e(step.get('do', ''))} <small>(runbook {e(step.get('runbook', ''))})</small><br>"
        f"<code>{e(step.get('command', ''))}</code>"
        + (f"<br><small>corrected: {e(step['corrected'])}</small>" if step.get("corrected") else "") + "</li>"
        for step in steps if isinstance(step, dict))
    return (f"<h2>{e(recommended.get('procedure', 'Rollback procedure'))}</h2>"
            + (f"<p>Triggered by:</p><ul>{triggered}</ul>" if triggered else "") + f"<ol>{listed}</ol>")


def measured_section(verdict: dict[str, Any], links: dict[str, str]) -> str:
    rows = [(item.get("nodeid", ""), row) for item in verdict.get("items", []) if isinstance(item, dict)
            for row in condensed(item.get("measurements") or [])]
    if not rows:
        return ""
    body = "".join(
        f'<tr><td class="{"ok" if mark(row) == "✓" else "ko"}">{mark(row)}</td><td>{e(row["what"])}</td>'
        f'<td>{e(row["measured"])}</td><td>{e(row["threshold"])}</td><td>{open_link(nodeid, links, "gate")}</td></tr>'
        for nodeid, row in rows)
    return ("<h2>Measured against thresholds</h2><table><tr><th></th><th>measured</th><th>value</th>"
            f"<th>threshold</th><th></th></tr>{body}</table>")


def landing(verdict: dict[str, Any], environment: dict[str, str], links: dict[str, str]) -> str:
    """The landing page's HTML (style, page, script), to put first in the report's body."""
    causes, steps = causes_section(verdict, links), procedure_section(verdict)
    # A rollback verdict opens on what to do: the procedure, then every root cause behind it.
    middle = steps + causes if verdict.get("verdict") in ("ROLLBACK_NOW", "CONSIDER_ROLLBACK") else causes + steps
    content = banner(verdict, environment) + middle + measured_section(verdict, links)
    return Template(TEMPLATE.read_text()).safe_substitute(content=content, verdict=e(verdict.get("verdict", "?")))


def with_landing(page: str, verdict: dict[str, Any], environment: dict[str, str]) -> str:
    """Allure's index.html with the landing page first in its body."""
    opening = re.search(r"<body[^>]*>", page)
    if opening is None:
        raise ValueError("the report's index.html has no <body>")
    built = landing(verdict, environment, report_links(page))
    return page[:opening.end()] + "\n" + built + page[opening.end():]
