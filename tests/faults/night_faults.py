"""The night and the weeks after: on the night nobody can have attested the week-1 and month-1 tasks, nor sent
the completion notice the gates have not yet allowed. A sign-off file as a team holds it on the night (the
sandbox's attestations without the items due later) is GO with the night's selection, and plain
`-m postdeploy` fails exactly the sign-offs due later."""

from pathlib import Path

from deploygates.cli.signoff import dump
from deploygates.manifest.runbook import load_manifest
from deploygates.manifest.signoffs import SANDBOX_FILE, read_entries
from tests.faults.catalog import Fault

NIGHT = "postdeploy and not later"
SIGNOFFS = "checks/signoffs/test_human_signoffs.py::test_signed_off"
DUE_LATER = [item.id for item in load_manifest().values() if item.due != "night" and item.kind == "signoff"]


def night_signoffs(workdir: Path) -> list[str]:
    """--signoffs pointing at the sandbox's sign-offs without the items due after the night."""
    entries = {key: value for key, value in read_entries(SANDBOX_FILE).items() if key not in DUE_LATER}
    path = workdir / "signoffs-on-the-night.toml"
    path.write_text(dump(entries))
    return ["--signoffs", str(path)]


FAULTS = (
    Fault("night_selection_is_go_without_the_weeks_after",
          "the night's selection with a sign-off file holding only what can be attested on the night: nothing fails",
          night_signoffs, frozenset(), marker=NIGHT, verdict="GO"),
    Fault("plain_postdeploy_asks_for_the_weeks_after",
          "plain -m postdeploy with the same file fails exactly the sign-offs due later (week 1, month 1, notices)",
          night_signoffs,
          frozenset(f"{SIGNOFFS}[{item}]" for item in DUE_LATER if load_manifest()[item].phase == "postdeploy"),
          marker="postdeploy", verdict="HOLD"),
)
