"""Pre-deployment: the target's schema catalog recorded (read-only) as the baseline a rollback must
return to; `pytest -m rollback` compares the rolled-back target with it."""

from pathlib import Path

import pytest

from fixtures.database import connect
from fixtures.migration_gates import tables_created_by
from fixtures.rollback_baseline import write_baseline
from fixtures.snapshot import read_catalog
from fixtures.sources import SqlSources
from fixtures.target import Target

pytestmark = pytest.mark.predeploy


@pytest.mark.runbook("ENV-4")
def test_pre_migration_catalog_recorded(
    pre_migration_database: str, baseline_catalog_path: Path, sql_sources: SqlSources, gate_target: Target
) -> None:
    """The target is at its pre-migration state, and its catalog is recorded as the rollback baseline."""
    with connect(pre_migration_database) as conn:
        catalog = read_catalog(conn)
    present = [t for t in tables_created_by(sql_sources.migrations) if t in catalog["relations"]]
    assert not present, (
        f"{gate_target.database_host} already has {', '.join(present)}, which the migration creates: it is not at "
        f"its pre-migration state, so its catalog is no rollback baseline; {baseline_catalog_path} is left as it is"
    )
    write_baseline(baseline_catalog_path, gate_target.name, gate_target.database_host, catalog)
