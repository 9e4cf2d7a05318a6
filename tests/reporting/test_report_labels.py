"""Allure labels from the runbook manifest: epic, feature, story, severity and title."""

from __future__ import annotations

import pytest

from deploygates.manifest.runbook import load_manifest
from deploygates.manifest.thresholds import load_thresholds
from deploygates.reporting.labels import section_labels, severity, title, tree_labels


def test_a_deployment_step_is_epic_deployment_steps_and_feature_its_step() -> None:
    """STEP1 items sit under epic 'Deployment Steps' and feature 'Step 1: Enable Maintenance Mode'."""
    step = next(item for item in load_manifest().values() if item.id.startswith("STEP1-"))
    assert section_labels(step)[:2] == [("epic", "Deployment Steps"), ("feature", "Step 1: Enable Maintenance Mode")]


def test_the_story_is_the_item_id_and_its_words() -> None:
    """The story reads like the runbook: the item's id and its title."""
    item = load_manifest()["ENV-1"]
    assert section_labels(item)[2] == ("story", "ENV-1: Staging environment updated and tested")


@pytest.mark.parametrize(("trigger", "expected"), [
    ("rollback_now", "blocker"), ("consider_rollback", "critical"), ("", "critical"),
])
def test_severity_is_blocker_only_for_immediate_rollback_triggers(trigger: str, expected: str) -> None:
    """An immediate-rollback trigger is a blocker; every other gate is critical."""
    assert severity(trigger) == expected


def test_a_gate_linked_to_an_immediate_rollback_item_is_a_blocker() -> None:
    """A security lint in the rehearsal (linked to RBNOW-5, no trigger before the window) is a blocker too."""
    assert (severity("", ("RBNOW-5", "ENV-3")), severity("", ("ENV-3",))) == ("blocker", "critical")


def test_a_monitoring_row_with_a_rollback_level_is_an_immediate_rollback_trigger() -> None:
    """The login failure row sets a rollback level: it is the rollback_now trigger a marked gate is, so blocker."""
    rows = {row.id: row for row in load_thresholds().checkpoints}
    assert (rows["login-failure-rate"].trigger, rows["api-response-time"].trigger) == ("rollback_now",
                                                                                        "consider_rollback")


def test_a_parametrized_title_keeps_the_parameter_and_escapes_braces() -> None:
    """The docstring's first line, braces escaped for allure's formatter, plus the parameter id."""
    assert title("Table {name} kept\n\nmore", parametrized=True) == "Table {{name}} kept [{param_id}]"


def test_items_of_another_section_become_tags_not_a_second_tree_branch() -> None:
    """A gate linked to ENV-1 and STEP1-1 sits under ENV-1's branch only; STEP1-1 is a tag."""
    manifest = load_manifest()
    step = next(link for link in manifest if link.startswith("STEP1-"))
    labels = tree_labels(["ENV-1", step], manifest)
    assert [pair for pair in labels if pair[0] in ("epic", "tag")] == [
        ("epic", "Pre-Deployment Checklist"), ("tag", f"runbook {step}")]
