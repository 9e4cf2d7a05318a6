"""Allure labels shaped like the runbook, from a gate's runbook ids and runbook.toml.

epic = the runbook section's top heading, feature = its step or sub-section, story = the item's words;
severity blocker for immediate-rollback triggers and for the gates that prove one before the window (linked to
an item of "Immediate Rollback Required", e.g. a security lint in the rehearsal), critical for every other gate;
title = the docstring's first line.
"""

from __future__ import annotations

from deploygates.manifest.runbook import RunbookItem


def section_labels(entry: RunbookItem) -> list[tuple[str, str]]:
    """(label type, value) for one runbook item: its section's top heading, its step, its words."""
    headings = [part.strip() for part in entry.section.split(" / ")]
    return [("epic", headings[0]), ("feature", headings[-1]), ("story", f"{entry.id}: {entry.title}")]


def tree_labels(ids: list[str], manifest: dict[str, RunbookItem]) -> list[tuple[str, str]]:
    """Allure's tree crosses every epic with every feature and story, so the tree follows the first item's
    section (a story for each item of that same section) and items of other sections become tags."""
    if not ids:
        return []
    home = manifest[ids[0]].section
    labels = [pair for link in ids if manifest[link].section == home for pair in section_labels(manifest[link])]
    labels += [("tag", f"runbook {link}") for link in ids if manifest[link].section != home]
    return list(dict.fromkeys(labels))


IMMEDIATE_ROLLBACK = "RBNOW-"  # the runbook's "Immediate Rollback Required" items


def severity(trigger: str, runbook: tuple[str, ...] = ()) -> str:
    """blocker for an immediate-rollback trigger (a marked gate, or a monitoring row with a rollback level), and
    for a gate linked to an immediate-rollback item: what would be a rollback after the rollout, caught before."""
    immediate = trigger == "rollback_now" or any(link.startswith(IMMEDIATE_ROLLBACK) for link in runbook)
    return "blocker" if immediate else "critical"


def title(doc: str, parametrized: bool) -> str:
    """The docstring's first line (braces escaped: allure formats titles), plus the parameter id."""
    first = doc.strip().splitlines()[0].strip().replace("{", "{{").replace("}", "}}") if doc.strip() else ""
    return f"{first} [{{param_id}}]" if first and parametrized else first
