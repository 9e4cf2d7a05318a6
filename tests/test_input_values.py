"""Values are validated where they enter: thresholds (the same rules for every table), measured values,
the app's replies, sign-offs and target URLs. Each case is refused with one line naming what and where."""

from __future__ import annotations

from pathlib import Path

import pytest

from deploygates.http.replies import problem
from deploygates.manifest.checkpoints import Checkpoint
from deploygates.manifest.signoffs import field_problem
from deploygates.manifest.thresholds import THRESHOLDS_FILE, ThresholdsError, load_thresholds
from deploygates.monitoring.measure import Measurement, read
from deploygates.release import COACH_DASHBOARD, PRACTITIONER_DASHBOARD, SIGNIN
from deploygates.target import TargetError, read_dotenv, resolve_target

# (the line of thresholds.toml replaced, its replacement, what the error names)
THRESHOLDS = {
    "nan checkpoint level": ("checkpoint = 0.01 ", "checkpoint = nan ", "'error-rate'.checkpoint"),
    "infinite rollback level": ("rollback = 0.10 ", "rollback = inf ", "'login-failure-rate'.rollback"),
    "negative level": ("consider = 5.0 ", "consider = -5.0 ", "'api-response-time'.consider"),
    "share above 1": ("consider = 0.05                        # RBCONS-4", "consider = 5  # RBCONS-4",
                      "'error-rate'.consider"),
    "levels that do not escalate": ("consider = 0.05                        # RBCONS-4",
                                    "consider = 0.001  # RBCONS-4", "'error-rate': levels must escalate"),
    "nan phase-1 budget": ("window_budget_minutes = 30", "window_budget_minutes = nan", "[phase1].window_budget"),
    "prerequisite share above 1": ("max_connection_use = 0.7", "max_connection_use = 1.5",
                                   "[prerequisites].max_connection_use"),
    "nan monitoring setting": ("probe_timeout_seconds = 15.0", "probe_timeout_seconds = nan",
                               "[monitoring].probe_timeout_seconds"),
    "boolean sample count": ("min_samples = 100\n", "min_samples = true\n", ".min_samples"),
}


@pytest.mark.parametrize("case", sorted(THRESHOLDS))
def test_a_threshold_out_of_range_is_refused(tmp_path: Path, case: str) -> None:
    """NaN, infinity, a negative number, a share above 1, unordered levels: refused in every table, named."""
    old, new, named = THRESHOLDS[case]
    text = THRESHOLDS_FILE.read_text()
    assert old in text
    (tmp_path / "thresholds.toml").write_text(text.replace(old, new, 1))
    with pytest.raises(ThresholdsError) as raised:
        load_thresholds(tmp_path / "thresholds.toml")
    assert (named in str(raised.value), "\n" in str(raised.value)) == (True, False), str(raised.value)


def test_a_binary_thresholds_file_is_refused(tmp_path: Path) -> None:
    """A thresholds file of random bytes is one line naming the file, not a traceback."""
    (tmp_path / "thresholds.toml").write_bytes(bytes(range(256)))
    with pytest.raises(ThresholdsError, match="not a UTF-8 text file"):
        load_thresholds(tmp_path / "thresholds.toml")


def row(metric: str, unit: str) -> Checkpoint:
    return Checkpoint("r", "R", ("MON30-1",), metric, "prometheus", "above", unit, "5m", 1, checkpoint=0.5)


@pytest.mark.parametrize(("metric", "unit", "value"), [
    ("latency_p95_seconds", "seconds", -1.0), ("http_error_ratio", "ratio", 1.12), ("critical_log_lines", "count", -3),
    ("http_error_ratio", "ratio", float("nan")), ("latency_p95_seconds", "seconds", float("inf")),
])
def test_a_value_outside_its_domain_is_inconclusive(metric: str, unit: str, value: float) -> None:
    """A negative latency or count, a share above 100 %, NaN: INCONCLUSIVE with the reason, never a pass."""
    reading = read(row(metric, unit), Measurement(value, 100, "prometheus"))
    assert (reading.outcome, bool(reading.measurement.problem)) == ("inconclusive", True)


def test_a_ratio_of_two_periods_may_exceed_one() -> None:
    """Not every ratio is a share: tickets after / before may well be 1.5 and is judged against its levels."""
    assert read(row("support_ticket_ratio", "ratio"), Measurement(1.5, 10, "db")).outcome == "hold"


JSON = "application/json"
REPLIES = {
    "html sign-in": ("POST", SIGNIN, 200, "text/html", b"<html>Welcome</html>"),
    "html 401": ("POST", SIGNIN, 401, "text/html; charset=utf-8", b"<h1>401</h1>"),
    "the same json to every route": ("GET", COACH_DASHBOARD, 200, JSON, b'{"ok":true,"access_token":"x"}'),
    "sign-in without token type": ("POST", SIGNIN, 200, JSON, b'{"ok":true,"access_token":"x"}'),
    "json that is not an object": ("GET", PRACTITIONER_DASHBOARD, 200, JSON, b"[1, 2]"),
    "maintenance page": ("GET", PRACTITIONER_DASHBOARD, 503, "text/html", b"<p>We'll be back</p>"),
}


@pytest.mark.parametrize("case", sorted(REPLIES))
def test_a_reply_that_is_not_the_apis_is_named(case: str) -> None:
    """HTML, the same JSON to every route, JSON that is not an object: not what the endpoint returns."""
    assert problem(*REPLIES[case]) != ""


@pytest.mark.parametrize("reply", [
    ("POST", SIGNIN, 200, JSON, b'{"access_token":"t","token_type":"bearer"}'),
    ("GET", COACH_DASHBOARD, 403, "application/json; charset=utf-8", b'{"error":"forbidden"}'),
    ("GET", "/metrics", 200, "text/plain", b"virtue_http_requests_total 1"),
    ("GET", "/api/coach/practitioner/no-such-route", 404, "text/plain", b"Not Found"),  # a broken link's answer
])
def test_the_apis_own_replies_pass(reply: tuple[str, str, int, str, bytes]) -> None:
    """The API's own replies (and what is not the API, like /metrics) are taken as they are."""
    assert problem(*reply) == ""


@pytest.mark.parametrize("who", [42, ["x"], "John Doe", "N/A", "-", "jane doe (DBA)", "x", "", "  ", "TBD"])
def test_who_must_be_a_real_name(who: object) -> None:
    """A sign-off's `who` is a person's name: no number, list, placeholder or initial stands in for one."""
    assert field_problem("who", who) is not None


def test_a_real_name_signs_off() -> None:
    """A name with a role, the way the runbook's sign-offs are written, is accepted."""
    assert field_problem("who", "Dana Whitfield (DevOps)") is None


def test_evidence_must_be_text() -> None:
    """Evidence that is not text (a number) is not evidence."""
    assert field_problem("evidence", 1234) is not None


STAGING = {"STAGING_DATABASE_URL": "postgresql://gate:pw@db.example:5432/app", "STAGING_APP_URL": "https://app.example"}


@pytest.mark.parametrize(("variable", "value"), [
    ("STAGING_APP_URL", "not a url"), ("STAGING_APP_URL", "ftp://app.example"), ("STAGING_APP_URL", "https://:80"),
    ("STAGING_APP_URL", "https://app.example:99999"), ("STAGING_DATABASE_URL", "postgresql://u:p@db:99999/app"),
    ("STAGING_DATABASE_URL", "mysql://u:p@db/app"), ("STAGING_DATABASE_URL", "host=db port=abc"),
])
def test_a_target_url_that_does_not_parse_names_its_variable(variable: str, value: str) -> None:
    """An APP_URL or DSN that does not parse is one usage error naming the variable (and not its value)."""
    with pytest.raises(TargetError, match=variable) as raised:
        resolve_target("staging", {**STAGING, variable: value}, {})
    assert "pw" not in str(raised.value)


def test_a_binary_dotenv_is_one_line(tmp_path: Path) -> None:
    """A .env file of random bytes is one error naming the file."""
    (tmp_path / ".env").write_bytes(bytes(range(128, 256)))
    with pytest.raises(TargetError, match=r"\.env: not a readable UTF-8 file"):
        read_dotenv(tmp_path / ".env")


def test_a_binary_signoff_file_fails_its_items(tmp_path: Path) -> None:
    """A sign-off file of random bytes: every item fails with one line naming the file, no traceback."""
    from datetime import timedelta

    from deploygates.manifest.signoffs import open_book

    (tmp_path / "signoffs.toml").write_bytes(bytes(range(128, 256)))
    assert "not a UTF-8 text file" in (open_book(tmp_path / "signoffs.toml", timedelta(days=7)).error or "")
