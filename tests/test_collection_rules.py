"""Collection refuses gate tests without a phase or a runbook link, and writers against production."""

import pytest

from tests.project import PROJECT_ROOT

PLUGINS = 'pytest_plugins = ["fixtures.plugin"]\n'


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeconftest(PLUGINS)
    pytester.makeini("[pytest]\nmarkers =\n    predeploy\n    migration\n    deployment\n    postdeploy\n"
                     "    rollback\n    destructive\n    signoff\n    runbook(id)\n")
    pytester.mkdir("checks")
    return pytester


def write_gate(project: pytest.Pytester, decorators: str) -> None:
    (project.path / "checks" / "test_gate.py").write_text(
        f"import pytest\n\n{decorators}\ndef test_gate():\n    pass\n"
    )


def run(project: pytest.Pytester, *args: str) -> pytest.RunResult:
    return project.runpytest_subprocess("--rootdir", str(project.path), *args, "checks")


def test_a_gate_without_phase_marker_is_refused(project: pytest.Pytester) -> None:
    write_gate(project, '@pytest.mark.runbook("ENV-1")')
    result = run(project)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*test_gate*no phase marker*"])


def test_a_gate_naming_an_unknown_runbook_item_is_refused(project: pytest.Pytester) -> None:
    write_gate(project, '@pytest.mark.predeploy\n@pytest.mark.runbook("NOPE-9")')
    result = run(project)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*runbook id 'NOPE-9' is not in runbook.toml*"])


def test_destructive_gates_are_refused_for_production(
    project: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PRODUCTION_DATABASE_URL", "postgresql://gate:pw@db.invalid/app")
    monkeypatch.setenv("PRODUCTION_APP_URL", "https://app.invalid")
    write_gate(project, '@pytest.mark.predeploy\n@pytest.mark.destructive\n@pytest.mark.runbook("ENV-3")')
    result = run(project, "--target", "production")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*refused for --target production*"])


def test_a_marker_expression_selecting_nothing_is_an_error(project: pytest.Pytester) -> None:
    write_gate(project, '@pytest.mark.predeploy\n@pytest.mark.runbook("ENV-3")')
    result = run(project, "-m", "postdeploy")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*selects no test*"])


def test_a_missing_setting_for_a_real_target_is_one_clear_line(project: pytest.Pytester) -> None:
    write_gate(project, '@pytest.mark.postdeploy\n@pytest.mark.runbook("UX-1")')
    result = run(project, "--target", "staging")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["ERROR: --target staging needs STAGING_DATABASE_URL and STAGING_APP_URL*"])
    assert "Traceback" not in result.stderr.str()


def test_every_automated_runbook_item_has_a_gate() -> None:
    """The real suite collects under the rules, and every automated runbook item has a gate test."""
    import re
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-v"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    pattern = r"runbook coverage: (\d+) of (\d+) automated items.*(?:\n  without a test yet: (.*))?"
    coverage = re.search(pattern, done.stdout)
    assert coverage is not None, done.stdout[-2000:]
    assert coverage.group(1) == coverage.group(2), f"runbook items without a gate: {coverage.group(3)}"
