"""Allure report metadata, written once per run into the results folder: `environment.properties` (target,
hosts, commit, selection: never a secret), `categories.json` (Immediate rollback, Consider rollback, Gate
failed, ...: matched on each failed gate's `gate verdict: <VERDICT>` line) and `executor.json`."""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
from pathlib import Path

from deploygates import resources
from deploygates.secrets import redact
from deploygates.target import Target


def commit(checkout: Path) -> str:
    """The short commit of the checkout the gates run from, or "unknown"."""
    try:
        done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=checkout, capture_output=True,
                              text=True, timeout=10, check=False)
    except OSError:
        return "unknown"
    return done.stdout.strip() or "unknown"


def properties(target: Target, selection: str, checkout: Path, pytest_version: str) -> dict[str, str]:
    return {
        "target": target.name, "database.host": target.database_host,
        "app.host": target.app_host,
        "selection": selection or "(all)", "commit": commit(checkout),
        "python": platform.python_version(), "pytest": pytest_version,
    }


def write_metadata(folder: Path, values: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    lines = [f"{key}={redact(value).replace(chr(10), ' ')}" for key, value in values.items()]
    (folder / "environment.properties").write_text("\n".join(lines) + "\n")
    shutil.copyfile(resources.CATEGORIES_FILE, folder / "categories.json")
    executor = {"name": "CI" if os.environ.get("CI") else "operator", "type": "pytest",
                "buildName": redact(" ".join(values.get(key, "") for key in ("target", "selection", "commit")))}
    (folder / "executor.json").write_text(json.dumps(executor))
