"""Phase-1 readiness logic without a database: thresholds, statement split, fit, dump timestamps, lint join."""

import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from deploygates.manifest.thresholds import THRESHOLDS_FILE, ThresholdsError, load_thresholds, parse_phase1
from deploygates.migration.statements import StatementError, split_text, statement_at
from deploygates.readiness.backup import PLAIN_STAMP, dump_timestamp
from deploygates.readiness.forecast import fit, project_statement
from deploygates.readiness.lint import Finding, blocking, weigh
from deploygates.readiness.locks import MIGRATION_APP, LockObservation
from deploygates.readiness.traffic import TRAFFIC_APP

SCRIPT = """\\set ON_ERROR_STOP on
BEGIN;
-- the big one
UPDATE public.profiles p SET role = 'user'
  FROM fill f WHERE p.id = f.id;
DO $$ BEGIN PERFORM 1; END $$;
COMMIT;
"""


def test_the_project_thresholds_load() -> None:
    assert load_thresholds().phase1.window_budget_minutes == 30


def project_thresholds() -> dict[str, dict[str, object]]:
    return tomllib.loads(THRESHOLDS_FILE.read_text())


@pytest.mark.parametrize(("key", "value", "message"), [
    ("window_budget_minutes", "thirty", r"t.toml: \[phase1\]\.window_budget_minutes must be a number"),
    ("lock_large_table_rows", 2.5, r"\[phase1\]\.lock_large_table_rows must be an integer"),
    ("lint_lock_rules", "all", r"\[phase1\]\.lint_lock_rules must be a list of strings"),
    ("drain_seconds", -1, r"\[phase1\]\.drain_seconds must be a number \(0 or more\), got -1"),
])
def test_a_malformed_threshold_is_one_line_naming_key_and_type(key: str, value: object, message: str) -> None:
    raw = project_thresholds()
    raw["phase1"][key] = value
    with pytest.raises(ThresholdsError, match=message):
        parse_phase1(raw, "t.toml")


def test_a_missing_threshold_is_named() -> None:
    raw = project_thresholds()
    del raw["phase1"]["drain_seconds"]
    with pytest.raises(ThresholdsError, match=r"\[phase1\]\.drain_seconds is missing"):
        parse_phase1(raw, "t.toml")


def test_a_file_that_is_not_toml_is_named(tmp_path: Path) -> None:
    (tmp_path / "t.toml").write_text("[phase1]\nwindow_budget_minutes = = 3\n")
    with pytest.raises(ThresholdsError, match=r"t.toml: not valid TOML"):
        load_thresholds(tmp_path / "t.toml")


def test_statements_split_with_lines_kinds_and_tables() -> None:
    found = [(s.line, s.end_line, s.kind, s.tables) for s in split_text(SCRIPT, "x.sql")]
    assert found == [
        (2, 2, "TransactionStmt", ()),
        (4, 5, "UpdateStmt", ("public.fill", "public.profiles")),
        (6, 6, "DoStmt", ()),
        (7, 7, "TransactionStmt", ()),
    ]


def test_a_finding_is_placed_in_the_statement_spanning_its_line() -> None:
    statement = statement_at(split_text(SCRIPT, "x.sql"), 5)
    assert statement is not None
    assert statement.kind == "UpdateStmt"


def test_a_meta_command_that_changes_the_script_cannot_be_split() -> None:
    with pytest.raises(StatementError, match=r"x.sql:2: psql meta-command \\gset"):
        split_text("SELECT 1 AS one\n\\gset\n", "x.sql")


def test_fit_through_two_points() -> None:
    assert fit(1000, 2.0, 250, 0.5) == pytest.approx((0.0, 0.002))


def test_projection_follows_the_rows_of_the_named_tables() -> None:
    (update,) = [s for s in split_text(SCRIPT, "x.sql") if s.kind == "UpdateStmt"]
    seconds = project_statement(update, ({"public.profiles": 1000}, 2.0), ({"public.profiles": 250}, 0.5),
                                {"public.profiles": 1_000_000})
    assert seconds == pytest.approx(2000.0)


def test_code_without_visible_tables_scales_with_the_whole_database() -> None:
    (block,) = [s for s in split_text(SCRIPT, "x.sql") if s.kind == "DoStmt"]
    seconds = project_statement(block, ({"a.t": 600, "a.u": 400}, 1.0), ({"a.t": 150, "a.u": 100}, 0.25),
                                {"a.t": 6000, "a.u": 4000})
    assert seconds == pytest.approx(10.0)


def test_an_archive_header_timestamp_in_utc() -> None:
    header = ";\n; Archive created at 2025-01-03 02:15:00 UTC\n;     dbname: app\n"
    assert dump_timestamp(header) == datetime(2025, 1, 3, 2, 15, tzinfo=UTC)


def test_a_plain_dump_without_timestamp_has_none() -> None:
    assert dump_timestamp("--\n-- PostgreSQL database dump\n--\n", PLAIN_STAMP) is None


def test_a_lock_hazard_fails_only_on_a_large_table(tmp_path: Path) -> None:
    script = tmp_path / "m.sql"
    script.write_text("CREATE INDEX a ON public.big (x);\nCREATE INDEX b ON public.small (x);\n")
    rows = {"public.big": 5_000_000, "public.small": 10}
    findings = [weigh(script, {"line": n, "rule_name": "require-concurrent-index-creation"}, rows,
                      ("require-concurrent-index-creation",)) for n in (0, 1)]
    assert [f.table for f in blocking(findings, 2_000_000)] == ["public.big"]


def test_a_finding_on_a_new_table_weighs_nothing() -> None:
    finding = Finding("m.sql", 1, "adding-field-with-default", "", None, 0, True)
    assert blocking([finding], 0) == []


def test_a_lock_hold_spans_the_samples_that_saw_it_and_waits_keep_their_longest() -> None:
    seen = LockObservation()
    held = (7, MIGRATION_APP, "public.t", "r", "AccessExclusiveLock", True, 0.0)
    for at, wait in ((0.0, 0.1), (0.05, 0.15), (0.1, 0.2)):
        seen.record(at, [held, (9, TRAFFIC_APP, "public.t", "r", "AccessShareLock", False, wait)])
    seen.record(0.15, [])
    assert [(h.relation, h.seconds, h.samples) for h in seen.access_exclusive()] == [("public.t", 0.1, 3)]
    wait = seen.longest_wait()
    assert wait is not None
    assert wait.seconds == 0.2
