"""The checkout the suite's own tests run from (the gate tests, docs, deploy manifests and scripts live there)."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
