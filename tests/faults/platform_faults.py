"""Faults of the platform, the prerequisites and the sign-offs.

Platform faults hand the nested run a doctored sandbox platform state (`--sandbox-platform FILE`):
the state the runbook leaves for the phase, then one thing left wrong. The 403 fault points the run
at the recorded Kubernetes API (tests/platform/apiserver.py) answering Forbidden to everything.
Prerequisite and sign-off faults run `-m "predeploy and not destructive"`: the rehearsal has nothing
to do with them.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from deploygates import resources
from deploygates.cli.signoff import dump
from deploygates.manifest.phases import SandboxState
from deploygates.manifest.signoffs import SANDBOX_FILE
from deploygates.platform import state_file as state
from deploygates.platform.simulated_steps import prepare_platform, step4_deploy, step6_leave_maintenance
from deploygates.release import FLAG_SPACING, FLAGS, TARGET_IMAGE
from tests.faults.catalog import Fault
from tests.platform.apiserver import RecordedApiServer, write_kubeconfig

PREREQ = "checks/predeploy/test_technical_prerequisites.py"
STEP1 = "checks/migration/test_enable_maintenance_mode.py"
DEPLOY = "checks/deployment/test_deploy_application.py"
FEATURES = "checks/deployment/test_enable_features.py"
ROLLBACK = "checks/rollback/test_rollback_platform.py"
SIGNOFFS = "checks/signoffs/test_human_signoffs.py"
QUICK_PREDEPLOY = "predeploy and not destructive"
ADMIN, COACH, MODEL = FLAGS
DEPLOYMENT_GATES = frozenset({
    *(f"{DEPLOY}::{name}" for name in ("test_deployment_runs_target_image", "test_deployment_scaled_to_three",
                                        "test_every_replica_updated", "test_every_replica_available",
                                        "test_rollout_finished", "test_no_pod_crash_looping")),
    *(f"{FEATURES}::test_feature_flag_enabled[{flag}]" for flag in FLAGS),
    f"{FEATURES}::test_feature_flag_enabled_after_previous[{COACH}-after-{ADMIN}]",
    f"{FEATURES}::test_feature_flag_enabled_after_previous[{MODEL}-after-{COACH}]",
    f"{FEATURES}::test_maintenance_mode_off",
})


def platform(phase: SandboxState, change: Callable[[Path], None]) -> Callable[[Path], list[str]]:
    """--sandbox-platform: the platform as the runbook leaves it for `phase`, then `change` applied."""
    def build(workdir: Path) -> list[str]:
        path = workdir / "platform.json"
        prepare_platform(path, phase)
        change(path)
        return ["--sandbox-platform", str(path)]
    return build


def edit(path: Path, **fields: Any) -> None:
    found = state.load(path)
    for name, value in fields.items():
        setattr(found, name, value)
    state.save(found, path)


def drop_flag(flag: str) -> Callable[[Path], None]:
    def change(path: Path) -> None:
        found = state.load(path)
        del found.config_maps["feature-flags"][flag]
        state.save(found, path)
    return change


def flags_in_reverse(path: Path) -> None:
    """Steps 4 to 6 of the night, with the flags switched on MODEL first and ADMIN last."""
    at = step4_deploy(path, datetime.now(UTC) - timedelta(minutes=40))
    for flag in reversed(FLAGS):
        state.patch_config_map(path, "feature-flags", {flag: "true"}, at.isoformat())
        at += FLAG_SPACING
    step6_leave_maintenance(path, at)


def thresholds(**changed: object) -> Callable[[Path], list[str]]:
    """--thresholds: a copy of thresholds.toml with keys of [prerequisites] changed."""
    def build(workdir: Path) -> list[str]:
        text = (resources.THRESHOLDS_FILE).read_text()
        for key, value in changed.items():
            line = next(line for line in text.splitlines() if line.startswith(f"{key} ="))
            text = text.replace(line, f"{key} = {value}")
        target = workdir / "thresholds.toml"
        target.write_text(text)
        return ["--thresholds", str(target)]
    return build


def signoffs(change: Callable[[dict[str, dict[str, Any]]], None]) -> Callable[[Path], list[str]]:
    """--signoffs: the sandbox's sign-offs, dated now, with `change` applied."""
    def build(workdir: Path) -> list[str]:
        entries = tomllib.loads(SANDBOX_FILE.read_text())
        for entry in entries.values():
            entry["when"] = datetime.now(UTC).replace(microsecond=0)
        change(entries)
        target = workdir / "signoffs.toml"
        target.write_text(dump(entries))
        return ["--signoffs", str(target)]
    return build


def forbidding_cluster(workdir: Path) -> list[str]:
    """The recorded Kubernetes API, answering 403 to every read; it lives as long as the harness."""
    server = RecordedApiServer("forbidden").start()
    return ["--platform", "kubernetes", "--kubeconfig", str(write_kubeconfig(workdir / "kubeconfig", server))]


def fault(name: str, description: str, build: Callable[[Path], list[str]], marker: str, *caught: str) -> Fault:
    return Fault(f"platform_{name}", description, build, frozenset(caught), marker)


FAULTS = (
    fault("flags_out_of_order", "the flags were switched on MODEL first, ADMIN last",
          platform(SandboxState.IN_WINDOW, flags_in_reverse), "deployment",
          f"{FEATURES}::test_feature_flag_enabled_after_previous[{COACH}-after-{ADMIN}]",
          f"{FEATURES}::test_feature_flag_enabled_after_previous[{MODEL}-after-{COACH}]"),
    fault("flag_missing", "ConfigMap feature-flags has no ORGANIZATIONAL_COACH before the window",
          platform(SandboxState.PRE_MIGRATION, drop_flag(COACH)), QUICK_PREDEPLOY,
          f"{PREREQ}::test_feature_flag_configured_and_off[{COACH}]"),
    fault("two_of_three_replicas", "only 2 of the 3 replicas became available after the rollout",
          platform(SandboxState.MIGRATED, lambda path: state.scale(path, 3, available=2)), "deployment",
          f"{DEPLOY}::test_every_replica_available"),
    fault("crash_loop", "one pod of the new release is in CrashLoopBackOff",
          platform(SandboxState.MIGRATED, lambda path: edit(path, available_replicas=2, crash_looping=1)),
          "deployment", f"{DEPLOY}::test_every_replica_available", f"{DEPLOY}::test_no_pod_crash_looping"),
    fault("wrong_image_tag", "step 4 deployed virtue-app:organizational-model-v0.9",
          platform(SandboxState.MIGRATED, lambda path: state.set_image(path, "virtue-app:organizational-model-v0.9")),
          "deployment", f"{DEPLOY}::test_deployment_runs_target_image"),
    fault("maintenance_left_on", "step 6 was skipped: maintenance mode still on after the deployment",
          platform(SandboxState.MIGRATED,
                   lambda path: state.patch_config_map(path, "app-config", {"MAINTENANCE_MODE": "true"})),
          "deployment", f"{FEATURES}::test_maintenance_mode_off"),
    fault("kubernetes_forbidden", "the Kubernetes API answers 403 to the gates' service account",
          forbidding_cluster, "deployment", *DEPLOYMENT_GATES),
    fault("maintenance_not_entered", "during the window maintenance mode is off",
          platform(SandboxState.IN_WINDOW,
                   lambda path: state.patch_config_map(path, "app-config", {"MAINTENANCE_MODE": "false"})),
          "migration", f"{STEP1}::test_maintenance_mode_on"),
    fault("not_scaled_down", "during the window virtue-app still runs 3 replicas",
          platform(SandboxState.IN_WINDOW, lambda path: state.scale(path, 3)), "migration",
          f"{STEP1}::test_deployment_scaled_to_zero", f"{STEP1}::test_no_application_pod_left"),
    fault("app_sessions_not_drained", "two application sessions are still connected during the window",
          lambda workdir: ["--sandbox-app-sessions", "2"], "migration",
          f"{STEP1}::test_no_application_session_left"),
    fault("max_connections_too_low", "the server accepts fewer connections than the night needs",
          thresholds(min_max_connections=100_000), QUICK_PREDEPLOY, f"{PREREQ}::test_max_connections_at_least_minimum"),
    fault("no_connection_headroom", "connections in use leave no headroom",
          thresholds(max_connection_use=0.0001), QUICK_PREDEPLOY, f"{PREREQ}::test_connections_leave_headroom"),
    fault("already_on_target_image", "virtue-app already runs the new image before the window",
          platform(SandboxState.PRE_MIGRATION, lambda path: state.set_image(path, TARGET_IMAGE)),
          QUICK_PREDEPLOY, f"{PREREQ}::test_current_image_recorded_as_rollback_target"),
    fault("degraded_before_window", "only 2 of 3 replicas are available before the window",
          platform(SandboxState.PRE_MIGRATION, lambda path: state.scale(path, 3, available=2)), QUICK_PREDEPLOY,
          f"{PREREQ}::test_every_replica_available_before_window"),
    fault("signoff_missing", "nobody signed off that the team notifications were sent",
          signoffs(lambda entries: entries.pop("ENV-5")), QUICK_PREDEPLOY, f"{SIGNOFFS}::test_signed_off[ENV-5]"),
    fault("signoff_stale", "the maintenance window was signed off a month ago",
          signoffs(lambda entries: entries["ENV-6"].update(when=datetime.now(UTC) - timedelta(days=30))),
          QUICK_PREDEPLOY, f"{SIGNOFFS}::test_signed_off[ENV-6]"),
    fault("contact_placeholder", "the Lead Developer contact is still the runbook's [CONTACT]",
          signoffs(lambda entries: entries["CONTACT-3"].update(contact="[CONTACT]")), QUICK_PREDEPLOY,
          f"{SIGNOFFS}::test_emergency_contact_named[CONTACT-3]"),
    fault("rollback_image_not_restored", "after the rollback virtue-app still runs the new image",
          platform(SandboxState.ROLLED_BACK, lambda path: state.set_image(path, TARGET_IMAGE)), "rollback",
          f"{ROLLBACK}::test_image_restored"),
    fault("rollback_leaves_admin_flag_on", "the rollback switched off only ORGANIZATIONAL_MODEL, as the runbook says",
          platform(SandboxState.ROLLED_BACK,
                   lambda path: state.patch_config_map(path, "feature-flags", {ADMIN: "true", COACH: "true"})),
          "rollback", f"{ROLLBACK}::test_feature_flag_off_after_rollback[{ADMIN}]",
          f"{ROLLBACK}::test_feature_flag_off_after_rollback[{COACH}]"),
    fault("rollback_maintenance_left_on", "the planned rollback left maintenance mode on",
          platform(SandboxState.ROLLED_BACK,
                   lambda path: state.patch_config_map(path, "app-config", {"MAINTENANCE_MODE": "true"})),
          "rollback", f"{ROLLBACK}::test_maintenance_mode_off_after_rollback"),
    fault("rollback_replicas_not_restored", "the planned rollback scaled virtue-app back to 2, not 3",
          platform(SandboxState.ROLLED_BACK, lambda path: state.scale(path, 2)), "rollback",
          f"{ROLLBACK}::test_replicas_restored"),
)
