"""The run: everything a gate run is about, resolved once at start-up and never re-read.

The target (from the environment over `.env`), the files under test, the generated dataset, every table of
thresholds.toml, where the run writes its verdict and reports, and where `-m predeploy` records what the
night compares with (`--recorded`, `$GATE_RECORDED`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from deploygates.manifest.thresholds import Thresholds
from deploygates.migration.files import SqlSources
from deploygates.migration.template import DatasetSpec
from deploygates.target import Target


@dataclass(frozen=True)
class Run:
    target: Target
    files: SqlSources
    dataset: DatasetSpec
    thresholds: Thresholds
    reports_dir: Path  # verdict.json, and by default the recorded folder
    recorded_dir: Path  # what -m predeploy records before the window (deploygates/records.py)
    settings: Mapping[str, str] = field(repr=False)  # the environment over .env
    started: datetime = field(default_factory=lambda: datetime.now(UTC).replace(microsecond=0))

    def setting(self, name: str) -> str | None:
        """A target-scoped setting, `<TARGET>_<name>`, or None when unset or empty."""
        return self.settings.get(f"{self.target.name.upper()}_{name}") or None
