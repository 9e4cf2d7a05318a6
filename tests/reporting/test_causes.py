"""Root causes in plain words: read from verdict.json's root_causes, else derived from its items; a gate's
message without pytest's listing, its assert explanation, xdist's worker line or the verdict section."""

from __future__ import annotations

from typing import Any

from deploygates.reporting.causes import operator_words, root_causes

ASSERTED = """    def test_x():
>       assert after == before, f"..."
E       AssertionError: public.journal_entries: 1 of 3,239 rows lost
E         - (1,"2024-10-05 16:06:52+00")
E       assert Fingerprint(r...) == Fingerprint(r...)
E         Differing attributes:

checks/predeploy/test_x.py:50: AssertionError
----------------------------------- verdict ------------------------------------
gate verdict: HOLD"""
ITEMS: list[dict[str, Any]] = [
    {"nodeid": "checks/a.py::test_ok", "verdict": "GO", "runbook": ["ENV-3"], "message": ""},
    {"nodeid": "checks/a.py::test_lost", "title": "Rows kept", "verdict": "HOLD", "runbook": ["UX-4", "ENV-3"],
     "message": "[gw1] linux -- Python 3.11.7 /usr/bin/python\npublic.x: 1 of 9 rows lost\ngate verdict: HOLD"},
    {"nodeid": "checks/a.py::test_blocked", "verdict": "BLOCKED", "runbook": ["ENV-3"], "message": "blocked by x"},
]


def test_an_assertion_reads_as_its_own_message() -> None:
    """pytest's source listing and its `assert a == b` explanation are left out."""
    assert operator_words(ASSERTED) == 'public.journal_entries: 1 of 3,239 rows lost\n- (1,"2024-10-05 16:06:52+00")'


def test_without_root_causes_they_are_the_items_neither_go_nor_blocked() -> None:
    """A verdict.json without root_causes: the failed items are the causes, blocked ones are not."""
    assert [cause.nodeid for cause in root_causes({"verdict": "HOLD", "items": ITEMS})] == ["checks/a.py::test_lost"]


def test_xdists_worker_line_is_not_the_message() -> None:
    """Under xdist a failure starts with `[gw1] linux -- Python …`: the cause starts with the gate's words."""
    (cause,) = root_causes({"verdict": "HOLD", "markexpr": "predeploy", "items": ITEMS})
    assert cause.message == "public.x: 1 of 9 rows lost"


def test_the_next_step_is_the_item_of_the_phase_that_ran() -> None:
    """A gate linked to UX-4 and ENV-3 in a predeploy run points at ENV-3 and runs predeploy again."""
    (cause,) = root_causes({"verdict": "HOLD", "markexpr": "predeploy", "target": "staging (db)", "items": ITEMS})
    assert (cause.next_step.startswith("Runbook ENV-3 (line 8)"), "`pytest -m predeploy --target staging`" in
            cause.next_step) == (True, True)


def test_listed_root_causes_are_read_as_they_are() -> None:
    """verdict.json's own root_causes list wins over the items."""
    listed = [{"nodeid": "checks/b.py::test_cause", "title": "T", "verdict": "HOLD", "runbook": ["ENV-2"],
               "message": "the backup is 30 h old", "evidence": {}}]
    causes = root_causes({"verdict": "HOLD", "root_causes": listed, "items": ITEMS})
    assert [(c.nodeid, c.message) for c in causes] == [("checks/b.py::test_cause", "the backup is 30 h old")]
