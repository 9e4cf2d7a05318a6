"""pgTAP's TAP output read assertion by assertion, the plan read without running the file, and what an
assertion after the point where a file stopped is."""

from pathlib import Path

from deploygates.proofs.pgtap import TapRun, assertion_failure, first_unreached, parse_tap, planned

OUTPUT = """1..3
ok 1 - the table exists
not ok 2 - the default is 40
# Failed test 2: "the default is 40"
#         have: 50
#         want: 40
not ok 3 - later # TODO not yet
# Looks like you failed 1 test of 3"""


def test_each_assertion_is_read_with_its_diagnostics() -> None:
    """`not ok N` carries the `# ` lines that follow it."""
    plan, found = parse_tap(OUTPUT)
    assert (plan, [(a.number, a.ok) for a in found]) == (3, [(1, True), (2, False), (3, False)])
    assert found[1].diagnostics.splitlines()[1:] == ["#         have: 50", "#         want: 40"]


def test_a_failing_todo_assertion_holds() -> None:
    """TAP: a TODO that fails does not fail the run."""
    run = TapRun("t.sql", *parse_tap(OUTPUT), error="", seconds=0)
    assert (assertion_failure(run, 3), assertion_failure(run, 2) is not None) == (None, True)


def test_the_plan_is_read_without_running_the_file(tmp_path: Path) -> None:
    """plan(N) is read with PostgreSQL's parser; no_plan() gives None."""
    (tmp_path / "a.sql").write_text("BEGIN;\nSELECT plan(7);\nSELECT ok(true);\nROLLBACK;\n")
    (tmp_path / "b.sql").write_text("BEGIN;\nSELECT * FROM no_plan();\nROLLBACK;\n")
    assert (planned(tmp_path / "a.sql"), planned(tmp_path / "b.sql")) == (7, None)


def test_an_assertion_after_the_stop_is_behind_the_first_one_never_reached() -> None:
    """A file that stopped after assertion 1: assertion 2 fails with the error, assertion 3 waits on 2."""
    run = TapRun("t.sql", 3, parse_tap("1..3\nok 1 - fine")[1], error="ERROR: relation does not exist", seconds=0)
    assert (first_unreached(run, 2), first_unreached(run, 3)) == (None, 2)
    assert "ERROR: relation does not exist" in (assertion_failure(run, 2) or "")
