"""Where the suite's own files live: its SQL, its manifest and default thresholds, its templates, and the
reference migration set it rehearses when no other is given. All of it is package data, found the same way
from a checkout, an installed package or a wheel; the team's own files come from options."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

PACKAGE_DIR = Path(str(files("deploygates")))
SQL_DIR = PACKAGE_DIR / "sql"
CATALOG_DIR = SQL_DIR / "catalog"
DATASET_DIR = SQL_DIR / "dataset"  # the generator's SQL (deploygates/dataset/)
PRELUDE_DIR = SQL_DIR / "prelude"  # Supabase's roles and auth layer, loaded before a baseline

# The reference migration set: the defaults under test (--baseline, --migrations, --validation, --rollback).
REFERENCE_DIR = PACKAGE_DIR / "reference"
BASELINE_DIR = REFERENCE_DIR / "baseline"
MIGRATIONS_DIR = REFERENCE_DIR / "migrations"
VALIDATION_FILE = REFERENCE_DIR / "validate_production_migration.sql"
ROLLBACK_FILE = REFERENCE_DIR / "rollback_organizational_model.sql"

MANIFEST_DIR = PACKAGE_DIR / "manifest"
RUNBOOK_FILE = MANIFEST_DIR / "runbook.toml"
THRESHOLDS_FILE = MANIFEST_DIR / "thresholds.toml"
SANDBOX_SIGNOFFS = MANIFEST_DIR / "signoffs.sandbox.toml"
EXAMPLE_SIGNOFFS = MANIFEST_DIR / "signoffs.example.toml"

CATEGORIES_FILE = PACKAGE_DIR / "reporting" / "categories.json"
