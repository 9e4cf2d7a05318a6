"""`deploygates sandbox down` signals only the process that wrote the state file, proven by its start time
and command line: a stale state (its `up` was killed, the PID reused) signals nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from deploygates.processes import identity


@pytest.fixture
def bystander() -> Iterator[subprocess.Popen[bytes]]:
    """An unrelated process that happens to hold the PID a stale state file names."""
    process = subprocess.Popen(["sleep", "600"])
    yield process
    process.kill()
    process.wait()


def down(state_dir: Path, state: dict[str, object]) -> subprocess.CompletedProcess[str]:
    (state_dir / "sandbox.json").write_text(json.dumps(state))
    return subprocess.run([sys.executable, "-m", "deploygates", "sandbox", "down", "--state-dir", str(state_dir)],
                          capture_output=True, text=True, timeout=60, check=False, env=os.environ)


def stale_state(pid: int) -> dict[str, object]:
    """What an `up` that was killed wrote: its PID (now someone else's), its own start time and command."""
    return {"pid": pid, "started": 1, "command": [sys.executable, "-m", "deploygates", "sandbox", "up"]}


def test_stale_state_signals_nobody(tmp_path: Path, bystander: subprocess.Popen[bytes]) -> None:
    """With a stale state, the process now holding its PID keeps running."""
    down(tmp_path, stale_state(bystander.pid))
    assert bystander.poll() is None


def test_stale_state_is_reported_and_removed(tmp_path: Path, bystander: subprocess.Popen[bytes]) -> None:
    """`down` says the state was stale, removes it and fails (exit 1): there was no sandbox to stop."""
    done = down(tmp_path, stale_state(bystander.pid))
    assert (done.returncode, "stale" in done.stderr, (tmp_path / "sandbox.json").exists()) == (1, True, False)


def test_the_recorded_process_is_stopped(tmp_path: Path, bystander: subprocess.Popen[bytes]) -> None:
    """A state whose PID, start time and command line match the running process stops that process."""
    proven = identity(bystander.pid)
    assert proven is not None
    done = down(tmp_path, {"pid": proven.pid, "started": proven.started, "command": list(proven.command)})
    assert (done.returncode, bystander.wait(timeout=10)) == (0, -15), done.stderr
