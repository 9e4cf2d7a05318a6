"""Pre-deployment: the target's schema catalog recorded (read-only) as the state a rollback must
return to; `pytest -m rollback` compares the rolled-back target with it."""

from pathlib import Path

import pytest

from deploygates.migration.catalog_record import write_catalog_record
from deploygates.migration.files import SqlSources
from deploygates.migration.snapshot import read_catalog
from deploygates.migration.tables import tables_created_by
from deploygates.postgres.connections import connect
from deploygates.target import Target
from fixtures.databases import unparsable

pytestmark = pytest.mark.predeploy


@pytest.mark.runbook("ENV-4")
def test_pre_migration_catalog_recorded(
    pre_migration_database: str, catalog_record_path: Path, sql_sources: SqlSources, gate_target: Target
) -> None:
    """The target is at its pre-migration state, and its catalog is recorded for the rollback gates."""
    unparsable(sql_sources.migrations)
    with connect(pre_migration_database) as conn:
        catalog = read_catalog(conn)
    present = [t for t in tables_created_by(sql_sources.migrations) if t in catalog["relations"]]
    assert not present, (
        f"{gate_target.database_host} already has {', '.join(present)}, which the migration creates: it is not at "
        f"its pre-migration state, so its catalog is not the state to roll back to; {catalog_record_path} is left "
        "as it is"
    )
    write_catalog_record(catalog_record_path, gate_target.name, gate_target.database_host, catalog)
