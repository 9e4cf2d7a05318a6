"""`deploygates sandbox up|deploy|rollback|status|down [--state-dir DIR]`

A demo of the night on the sandbox. `up` runs in the foreground (PostgreSQL, the pre-migration
database, the previous release of the app) until Ctrl-C or `down`; from another shell, `deploy`
plays runbook steps 1-6 and `rollback` the emergency rollback, while the app keeps answering.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any

from deploygates.manifest.phases import SandboxState
from deploygates.migration.files import resolve_sources
from deploygates.migration.template import DatasetSpec, build_template, clone
from deploygates.platform.simulated_steps import prepare_platform_file
from deploygates.platform.state_file import load
from deploygates.postgres import start_server
from deploygates.postgres.connections import drop_database, scratch_name
from deploygates.postgres.psql import ScriptRun
from deploygates.processes import Identity, identity
from deploygates.sandbox import lifecycle
from deploygates.sandbox.process import start_app

STATE_FILE = "sandbox.json"


def write_state(directory: Path, state: dict[str, Any]) -> None:
    path = directory / STATE_FILE
    path.touch(mode=0o600)
    path.write_text(json.dumps(state, indent=2))


def read_state(directory: Path) -> dict[str, Any]:
    path = directory / STATE_FILE
    if not path.is_file():
        sys.exit(f"no sandbox is up in {directory}: run `deploygates sandbox up --state-dir {directory}` first")
    found: dict[str, Any] = json.loads(path.read_text())
    return found


def up(options: argparse.Namespace) -> int:
    directory: Path = options.state_dir
    directory.mkdir(parents=True, exist_ok=True)
    if (directory / STATE_FILE).is_file():
        running = recorded_process(json.loads((directory / STATE_FILE).read_text()))
        if running is not None:
            sys.exit(f"a sandbox is already up in {directory} (process {running.pid}): `deploygates sandbox down "
                     f"--state-dir {directory}` first")
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    server = start_server(explicit_dsn=os.environ.get("SANDBOX_DATABASE_URL"))
    name = scratch_name("sandbox_demo")
    try:
        print(f"building the pre-migration database ({options.users} users) ...", flush=True)
        template = build_template(server.admin_dsn, server.client_bindir, resolve_sources(),
                                  DatasetSpec(options.users, options.seed))
        dsn = clone(server.admin_dsn, template.name, name)
        platform = prepare_platform_file(directory / "platform.json", SandboxState.PRE_MIGRATION, {})
        app = start_app(dsn, platform, options.knobs, directory)
        try:
            me = identity(os.getpid())
            write_state(directory, {"pid": os.getpid(), "started": me.started if me else None,
                                    "command": list(me.command) if me else None, "url": app.url, "dsn": dsn,
                                    "platform": str(platform), "bindir": str(server.client_bindir or "")})
            print(f"virtue-app (previous release) at {app.url}; sign in as user000001@sandbox.test / "
                  f"sandbox-password. Next: deploygates sandbox deploy --state-dir {directory}", flush=True)
            while not stop.wait(1) and app.process.poll() is None:
                pass
        finally:
            app.stop()
    finally:
        (directory / STATE_FILE).unlink(missing_ok=True)
        drop_database(server.admin_dsn, name)
        server.stop()
    print("sandbox down", flush=True)
    return 0


def report(runs: list[ScriptRun]) -> None:
    for run in runs:
        print(f"  {run.file.name}: {'ok' if run.ok else 'FAILED'} in {run.seconds:.2f}s")


def play(options: argparse.Namespace, step: str) -> int:
    state = read_state(options.state_dir)
    bindir = Path(state["bindir"]) if state["bindir"] else None
    play_step = lifecycle.deploy if step == "deploy" else lifecycle.rollback
    try:
        report(play_step(bindir, state["dsn"], Path(state["platform"]), resolve_sources()))
    except lifecycle.StepError as error:
        print(f"{step} failed: {error}", file=sys.stderr)
        return 1
    return status(options)


def status(options: argparse.Namespace) -> int:
    state = read_state(options.state_dir)
    platform = load(Path(state["platform"]))
    flags = ", ".join(f"{k}={v}" for k, v in platform.config_maps.get("feature-flags", {}).items())
    print(f"app {state['url']}: image {platform.image}, {platform.replicas} replicas, "
          f"maintenance {platform.maintenance}; flags {flags}")
    return 0


def recorded_process(state: dict[str, Any]) -> Identity | None:
    """The process that wrote the state, if it is still the one running under its PID (same start time and
    command line); None when the state is stale (that `up` died and the PID may now be anyone's)."""
    pid = state.get("pid")
    running = identity(pid) if isinstance(pid, int) else None
    if running is None or running.started != state.get("started") or list(running.command) != state.get("command"):
        return None
    return running


def down(options: argparse.Namespace) -> int:
    state = read_state(options.state_dir)
    process = recorded_process(state)
    if process is None:
        (options.state_dir / STATE_FILE).unlink(missing_ok=True)
        print(f"no sandbox to stop: the state in {options.state_dir} is stale (process {state.get('pid')} is not "
              "the `up` that wrote it, or is gone); removed it and signalled nothing", file=sys.stderr)
        return 1
    os.kill(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if recorded_process(state) is None:
            return 0
        time.sleep(0.1)
    print(f"the sandbox (process {process.pid}) did not stop within 30 s", file=sys.stderr)
    return 1


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("command", choices=("up", "deploy", "rollback", "status", "down"),
                        help="up: start the sandbox (foreground); deploy: play runbook steps 1-6; rollback: the "
                             "emergency rollback; status: what the platform holds; down: stop a sandbox that is up")
    parser.add_argument("--state-dir", type=Path, default=Path("reports/sandbox"),
                        help="where the running sandbox keeps its state (default reports/sandbox)")
    parser.add_argument("--users", type=int, default=1000, help="dataset size for `up` (default 1000)")
    parser.add_argument("--seed", type=int, default=42, help="seed of the generated dataset (default 42)")
    parser.add_argument("--knobs", help="fault knobs for the app started by `up` (inline JSON or a file)")


def run(options: argparse.Namespace) -> int:
    if options.command == "up":
        return up(options)
    if options.command in ("deploy", "rollback"):
        return play(options, options.command)
    return status(options) if options.command == "status" else down(options)
