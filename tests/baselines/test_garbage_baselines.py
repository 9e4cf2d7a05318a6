"""`pytest -m predeploy --baseline=<garbage>` stops at start-up with one line naming the file and the fix:
a usage error, no traceback, no gate run."""

import pytest

from tests.project import PROJECT_ROOT

GARBAGE = {"random-bytes": bytes(range(256)) * 8, "fake-pgdmp-header": b"PGDMP" + bytes(range(7, 250)) * 16}


@pytest.mark.parametrize("content", GARBAGE.values(), ids=GARBAGE.keys())
def test_garbage_baseline_is_a_usage_error_in_one_line(pytester: pytest.Pytester, content: bytes) -> None:
    """A garbage --baseline is exit 4 with one `ERROR: --baseline <file>: …; pass …` line and no traceback."""
    garbage = pytester.path / "production.dump"
    garbage.write_bytes(content)
    result = pytester.runpytest_subprocess(
        "-c", str(PROJECT_ROOT / "pyproject.toml"), "--rootdir", str(PROJECT_ROOT), "-p", "no:cacheprovider",
        "-m", "predeploy", f"--baseline={garbage}", str(PROJECT_ROOT / "checks"))
    errors = [line for line in result.stderr.lines if line.startswith("ERROR:")]
    assert (result.ret, len(errors), "Traceback" in result.stderr.str()) == (4, 1, False), result.stderr.str()
    assert (errors[0].startswith(f"ERROR: --baseline {garbage}: "), "pass a pg_dump file" in errors[0]) == (True, True)
