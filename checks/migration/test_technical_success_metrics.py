"""Success criteria: the runbook's technical success-metric queries, read-only against the target.

The runbook's "Verify performance" query names a column pg_stat_user_tables does not have
(`tablename`; the view says `relname`), so it fails as written: sql/reports/table_statistics.sql
runs it with that one alias fixed.
"""

import pytest

from deploygates.postgres.queries import format_table, metric_named, report_named, run_check, run_metric
from deploygates.reporting.attachments import attach_check, attach_measurements, attach_sql, verdict
from deploygates.target import TargetDatabase

pytestmark = [pytest.mark.migration, pytest.mark.postdeploy]


def metric(target: TargetDatabase, name: str) -> int:
    attach_sql(metric_named(name).path)
    return int(run_metric(target.dsn, metric_named(name)))


@pytest.mark.runbook("SUCCESS-1")
@pytest.mark.runbook("MON24H-5")
def test_users_with_organization_equal_total_users(target_database: TargetDatabase) -> None:
    """Users with Organization equals Total Users (runbook: "Verify user migration")."""
    total = metric(target_database, "total_users")
    with_organization = metric(target_database, "users_with_organization")
    attach_measurements("users with an organization against all users", [
        ("users with organization", str(with_organization), f"= total users {total}",
         verdict(with_organization == total))])
    assert with_organization == total, (
        f"Total Users {total}, Users with Organization {with_organization}: "
        f"{total - with_organization} users have no organization"
    )


@pytest.mark.runbook("SUCCESS-2")
@pytest.mark.runbook("MON24H-5")
def test_coach_assignments_equal_sponsor_relationships(target_database: TargetDatabase) -> None:
    """Coach Assignments equals the sponsor relationships with a sponsor (runbook: "Verify relationship migration")."""
    coach = metric(target_database, "coach_assignments")
    relationships = metric(target_database, "sponsor_relationships_with_sponsor")
    unrelated = metric(target_database, "active_connections_without_relationship")
    attach_measurements("coach assignments against sponsor relationships", [
        ("coach assignments", str(coach), f"= {relationships} relationships + {unrelated} unrelated connections",
         verdict(coach == relationships + unrelated))])
    assert coach == relationships + unrelated, (
        f"Coach Assignments {coach}, sponsor relationships with a sponsor {relationships}, "
        f"active sponsor connections without a relationship {unrelated} (each becomes one coach assignment)"
    )


@pytest.mark.runbook("SUCCESS-3")
def test_table_statistics_list_every_table(target_database: TargetDatabase, migrated_tables: list[str]) -> None:
    """The runbook's table-statistics query ("Verify performance") answers for every table of the migrated schema."""
    result = run_check(target_database.dsn, report_named("table_statistics"))
    attach_check(result, rows="table statistics")
    print(f"{result.query.title} on {target_database.label}:\n{format_table(result.columns, result.rows, 100)}")
    listed = {str(row[1]) for row in result.rows}
    missing = [table for table in migrated_tables if table not in listed]
    assert not missing, f"tables missing from the statistics: {', '.join(missing)}\n{result.report(100)}"
