"""What to do next, as verdict.json and the report print it: for a rollback, the runbook's procedure
corrected where the suite's own gates contradict it, with the measured values that triggered it.

Corrections (each step says which, so an operator comparing with the printed runbook is not lost):
- the runbook's emergency rollback turns off ORGANIZATIONAL_MODEL only, its planned rollback no flag at
  all; the rollback gates (checks/rollback/test_rollback_platform.py) need every organizational flag off;
- its "Verify rollback" reruns the migration validator, which checks the MIGRATED schema and must fail
  after a correct rollback; the suite's rollback gates (`pytest -m rollback`) verify it instead;
- its `psql -f` runs without `-v ON_ERROR_STOP=1`, so a failed statement would still exit 0.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from deploygates import release, resources

EMERGENCY_WITHIN = timedelta(hours=1)
TITLES = {"emergency": "Emergency Rollback (< 1 hour after deployment)",
          "planned": "Planned Rollback (> 1 hour after deployment)"}


@dataclass(frozen=True)
class Step:
    runbook: str  # the item of runbook.toml this step carries out
    do: str  # in words
    command: str
    corrected: str = ""  # how and why this differs from the runbook's text

    def as_json(self) -> dict[str, str]:
        return {"runbook": self.runbook, "do": self.do, "command": self.command, "corrected": self.corrected}


def patch(config_map: str, data: dict[str, str]) -> str:
    return f"kubectl patch configmap {config_map} --patch '{json.dumps({'data': data}, separators=(',', ':'))}'"


def database_url(target: str) -> str:
    """The variable the operator's shell holds the target's DSN in (the runbook says $DATABASE_URL)."""
    return f"${target.upper()}_DATABASE_URL" if target in ("staging", "production") else "$DATABASE_URL"


def common_steps(target: str, rollback_file: str) -> dict[str, Step]:
    flags_off = patch(release.FEATURE_FLAGS, dict.fromkeys(release.FLAGS, "false"))
    return {
        "database": Step("RBEMERG-2", "Roll the database back (psql stops at the first error)",
                         f'psql "{database_url(target)}" -v ON_ERROR_STOP=1 -f {rollback_file}',
                         "adds -v ON_ERROR_STOP=1: without it psql exits 0 after a failed statement"),
        "flags": Step("RBEMERG-3", f"Turn every organizational feature off ({', '.join(release.FLAGS)})", flags_off,
                      "all three flags: the runbook turns off ORGANIZATIONAL_MODEL only (planned rollback: none)"),
        "verify": Step("RBEMERG-4", "Verify the rollback with the suite's rollback gates",
                       f'pytest -m rollback --target {target}',
                       "replaces the runbook's validate_production_migration.sql, which checks the migrated "
                       "schema and must fail after a correct rollback"),
    }


def steps_for(kind: str, target: str, rollback_file: str) -> list[Step]:
    common = common_steps(target, rollback_file)
    deployment = f"deployment/{release.DEPLOYMENT}"
    if kind == "emergency":
        return [Step("RBEMERG-1", "Roll the application back to its previous release",
                     f"kubectl rollout undo {deployment}"),
                common["database"], common["flags"], common["verify"]]
    maintenance = release.MAINTENANCE_MODE
    return [
        Step("RBPLAN-1", "Put the application in maintenance mode", patch(release.APP_CONFIG, {maintenance: "true"})),
        Step("RBPLAN-2", "Scale the application down", f"kubectl scale deployment {release.DEPLOYMENT} --replicas=0"),
        replace(common["database"], runbook="RBPLAN-3"),
        Step("RBPLAN-4", "Deploy the previous application version",
             f"kubectl set image {deployment} {release.APP_CONTAINER}={release.PREVIOUS_IMAGE}"),
        common["flags"],
        Step("RBPLAN-5", "Scale the application up",
             f"kubectl scale deployment {release.DEPLOYMENT} --replicas={release.EXPECTED_REPLICAS}"),
        Step("RBPLAN-6", "Turn maintenance mode off", patch(release.APP_CONFIG, {maintenance: "false"})),
        common["verify"],
    ]


def procedure(verdict: str, deployed_at: datetime | None, now: datetime, source: str, *,
              triggered_by: list[str] | None = None, target: str = "production",
              rollback_file: str = resources.ROLLBACK_FILE.name) -> dict[str, Any]:
    """What to do next for this verdict; for a rollback verdict, which procedure and its corrected steps."""
    if verdict == "GO":
        return {"action": "go on with the runbook"}
    if verdict == "HOLD":
        return {"action": "hold: do not go on; fix what the failed gates name and run them again"}
    if verdict == "INCONCLUSIVE":
        return {"action": "no decision: provide the missing data the items name and run again (never a GO)"}
    action = ("roll back now" if verdict == "ROLLBACK_NOW"
              else "consider a rollback: decide with the escalation contacts")
    found: dict[str, Any] = {"action": action, "triggered_by": list(triggered_by or [])}
    if deployed_at is None:
        kind = "emergency"  # the safer assumption: the emergency steps also apply within the hour
        found |= {"deployment_time": f"unknown ({source})",
                  "procedure": f"{TITLES[kind]}, assumed: give --deployed-at to have it chosen "
                               "(planned rollback more than 1 hour after the deployment)"}
    else:
        elapsed = now - deployed_at
        kind = "emergency" if elapsed < EMERGENCY_WITHIN else "planned"
        found |= {"deployment_time": deployed_at.isoformat(), "deployment_time_source": source,
                  "minutes_since_deployment": round(elapsed.total_seconds() / 60, 1), "procedure": TITLES[kind]}
    steps = steps_for(kind, target, rollback_file)
    return {**found, "runbook": [step.runbook for step in steps], "steps": [step.as_json() for step in steps]}
