"""The local servers the suite starts (the sandbox app, Prometheus): a free loopback port, a start that
waits until the server answers, bounded, and a clean stop."""

from __future__ import annotations

import signal
import socket
import subprocess
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deploygates import cleanup
from deploygates.secrets import redact


@dataclass(frozen=True)
class Identity:
    """What proves a process is the one a state file recorded: a PID is reused, its start time (clock
    ticks since boot) and command line together are not."""

    pid: int
    started: int
    command: tuple[str, ...]


def identity(pid: int) -> Identity | None:
    """The process's identity from /proc, or None when it is gone or cannot be read (then nothing proves
    it is ours, and it is never signalled)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except (OSError, ValueError):
        return None
    fields = stat.rsplit(")", 1)[-1].split()  # the command in parentheses may hold spaces
    if len(fields) < 20 or not fields[19].isdigit():
        return None
    return Identity(pid, int(fields[19]), tuple(part.decode(errors="replace") for part in command.split(b"\0") if part))


class ServiceStartError(Exception):
    """A server did not come up in time; the message carries the end of its log."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def terminate(process: subprocess.Popen[Any], timeout: float = 10) -> None:
    """SIGTERM (a graceful stop), then SIGKILL if the process hangs; always reaped."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class Service:
    """A child server: where it answers, its process and its log."""

    name: str
    url: str
    process: subprocess.Popen[bytes] = field(repr=False)
    log: Path

    def log_tail(self, lines: int = 30) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return redact("\n".join(text.splitlines()[-lines:]))

    def stop(self, timeout: float = 10) -> None:
        cleanup.forget(self)
        terminate(self.process, timeout)


def start_service(name: str, argv: list[str], log: Path, ready: Callable[[], str | None], *, timeout: float = 30,
                  cwd: Path | None = None, env: Mapping[str, str] | None = None, poll: float = 0.05) -> Service:
    """Start `argv` with its output in `log`, and wait until `ready()` returns the server's URL; a process
    that exits or a server that is not ready within `timeout` seconds is stopped and reported."""
    with log.open("wb") as out:
        process = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   env=dict(env) if env is not None else None)
    service = Service(name, "", process, log)
    cleanup.track(service)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        url = ready()
        if url:
            service.url = url
            return service
        time.sleep(poll)
    service.stop()
    state = f"exit {process.returncode}" if process.returncode not in (None, -15) else f"not ready within {timeout:g} s"
    raise ServiceStartError(f"{name} did not start ({state}):\n{service.log_tail(10)}")
