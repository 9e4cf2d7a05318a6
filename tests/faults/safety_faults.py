"""Faults that used to pass: a reply that is not the API's, a measured value outside its domain, a sign-off
nobody gave, a validation script that writes. Their names start with safety_, so `pytest tests/faults -k
safety` runs them. Most run only the gates concerned (`-k`), as the issue found them: run alone.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from deploygates.manifest.signoffs import SANDBOX_FILE
from tests.faults.catalog import Fault
from tests.faults.monitoring_faults import ROWS, rows, thresholds_with
from tests.faults.smoke_faults import AVAILABILITY, FUNCTIONAL, knobs
from tests.safety.hostile import HELD, SCREENED

PROBE_ROWS = ("login-failure-rate", "api-response-time", "service-availability")
SIGN_IN_GATES = frozenset({
    f"{FUNCTIONAL}::test_test_user_signs_in", f"{FUNCTIONAL}::test_wrong_password_is_rejected",
    f"{FUNCTIONAL}::test_request_without_token_is_refused",
    f"{AVAILABILITY}::test_app_answers", f"{AVAILABILITY}::test_app_is_out_of_maintenance_mode",
})
P95_QUERY = ('histogram_quantile(0.95, sum by (le) (rate(virtue_http_request_duration_seconds_bucket{job="virtue-app",'
             'route=~"/api/.*"}[$window])))')
SIGNED_OFF = "checks/signoffs/test_human_signoffs.py::test_signed_off[ENV-5]"
VALIDATION_GATE = "checks/migration/test_validate_migration.py::test_validation_script_passes_on_target"


def only(selection: str, build: Callable[[Path], list[str]]) -> Callable[[Path], list[str]]:
    """`build`, with the nested run limited to the gates `selection` (-k) names."""
    return lambda workdir: [*build(workdir), "-k", selection]


def signoff_by(who: str) -> Callable[[Path], list[str]]:
    """--signoffs: the sandbox's file with ENV-5's `who` (a TOML value) replaced."""
    def build(workdir: Path) -> list[str]:
        text = SANDBOX_FILE.read_text()
        target = workdir / "signoffs.toml"
        target.write_text(text.replace('[ENV-5]\nwho = "Sam Sandbox (fictional attestation, sandbox rehearsal)"',
                                       f"[ENV-5]\nwho = {who}", 1))
        assert target.read_text() != text, "the sandbox sign-off file changed: update the fault"
        return [f"--signoffs={target}"]
    return build


def validation(script: str) -> Callable[[Path], list[str]]:
    def build(workdir: Path) -> list[str]:
        (workdir / "validate.sql").write_text(script)
        return [f"--validation={workdir / 'validate.sql'}", "-k", "test_validation_script_passes_on_target"]
    return build


PROBE_SELECTION = f"test_checkpoint_holds and ({' or '.join(PROBE_ROWS)})"
SMOKE_SELECTION = " or ".join(sorted({nodeid.rsplit("::", 1)[1] for nodeid in SIGN_IN_GATES}))

FAULTS = (
    *(Fault(
        f"safety_probe_rows_{defect}", f"{description}: the probe rows run alone must not pass",
        only(PROBE_SELECTION, knobs(defects=[defect])), rows(*PROBE_ROWS), marker="postdeploy", verdict="INCONCLUSIVE",
    ) for defect, description in (("same_json_everywhere", 'every route answers {"ok":true,"access_token":"x"}'),
                                  ("login_wall_html", "every route answers a 401 HTML login page"))),
    *(Fault(
        f"safety_sign_in_gates_{defect}", f"{description}: the sign-in and maintenance gates must not pass",
        only(SMOKE_SELECTION, knobs(defects=[defect])), SIGN_IN_GATES, marker="postdeploy", verdict="INCONCLUSIVE",
    ) for defect, description in (("same_json_everywhere", 'every route answers {"ok":true,"access_token":"x"}'),
                                  ("login_wall_html", "every route answers a 401 HTML login page"))),
    Fault(
        "safety_prometheus_negative_latency", "Prometheus answers a p95 latency of -1 s",
        only("performance-p95-prometheus", thresholds_with(P95_QUERY, "vector(-1)")),
        frozenset({f"{ROWS}[performance-p95-prometheus]"}), marker="postdeploy", verdict="INCONCLUSIVE",
    ),
    *(Fault(
        f"safety_signoff_who_{name}", f"ENV-5 signed off by {who}",
        only("test_signed_off and ENV-5", signoff_by(who)), frozenset({SIGNED_OFF}), marker="predeploy",
        verdict="HOLD",
    ) for name, who in (("number", "42"), ("list", '["x"]'), ("john_doe", '"John Doe"'), ("n_a", '"N/A"'),
                        ("dash", '"-"'))),
    Fault(
        "safety_signoff_in_the_future", "ENV-5 signed off on 2030-01-01",
        only("test_signed_off and ENV-5", signoff_by('"Dana Whitfield (DevOps)"\nwhen = 2030-01-01T00:00:00Z')),
        frozenset({SIGNED_OFF}), marker="predeploy", verdict="HOLD",
    ),
    *(Fault(
        f"safety_validation_{name}", f"the validation script tries to write ({name.replace('_', ' ')})",
        validation(script), frozenset({VALIDATION_GATE}), marker="migration", verdict="HOLD",
    ) for name, script in (("do_block_write", HELD["do_create_table"]),
                           ("commit_then_write", SCREENED["commit_then_new_transaction"]),
                           ("shell_meta_command", SCREENED["shell_meta_command"]),
                           ("read_only_off", SCREENED["read_only_off"]))),
)
