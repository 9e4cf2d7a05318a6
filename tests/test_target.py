"""The target is resolved once, from the environment, and never leaks a password."""

from pathlib import Path

import pytest

from deploygates.target import Target, TargetError, read_dotenv, resolve_target

STAGING = {
    "STAGING_DATABASE_URL": "postgresql://gate:s3cret-pw@db.staging.example:5432/app",
    "STAGING_APP_URL": "https://staging.example",
}


def test_sandbox_is_the_default_and_needs_nothing() -> None:
    assert resolve_target("sandbox", {}, {}) == Target("sandbox")


def test_sandbox_takes_an_explicit_server() -> None:
    target = resolve_target("sandbox", {"SANDBOX_DATABASE_URL": "postgresql://u@h/db"}, {})
    assert target.database_url == "postgresql://u@h/db"


@pytest.mark.parametrize("missing", ["STAGING_DATABASE_URL", "STAGING_APP_URL"])
def test_a_missing_setting_is_a_usage_error_naming_the_variable(missing: str) -> None:
    env = {k: v for k, v in STAGING.items() if k != missing}
    with pytest.raises(TargetError, match=missing):
        resolve_target("staging", env, {})


def test_environment_wins_over_dotenv() -> None:
    dotenv = {**STAGING, "STAGING_APP_URL": "https://from-dotenv"}
    assert resolve_target("staging", {"STAGING_APP_URL": "https://from-env"}, dotenv).app_url == "https://from-env"


def test_the_host_is_shown_without_user_or_password() -> None:
    target = resolve_target("staging", STAGING, {})
    assert target.database_host == "db.staging.example:5432/app"
    assert "s3cret" not in repr(target)


def test_a_malformed_database_url_names_the_problem_not_the_secret() -> None:
    env = {**STAGING, "STAGING_DATABASE_URL": "postgresql://gate:s3cret-pw@db:notaport/app?bogus=1"}
    with pytest.raises(TargetError, match="malformed") as raised:
        resolve_target("staging", env, {})
    assert "s3cret" not in str(raised.value)


def test_real_targets_are_read_only() -> None:
    production = {k.replace("STAGING", "PRODUCTION"): v for k, v in STAGING.items()}
    assert resolve_target("production", production, {}).read_only


def test_dotenv_lines_are_parsed(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("# comment\nexport A=1\nB='two'\n\n")
    assert read_dotenv(env_file) == {"A": "1", "B": "two"}


def test_a_malformed_dotenv_line_names_file_and_line(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("GOOD=1\nnot a setting\n")
    with pytest.raises(TargetError, match=r"\.env:2"):
        read_dotenv(env_file)
