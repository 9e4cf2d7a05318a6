"""Monitoring checkpoints and rollback triggers (runbook "Monitoring Checkpoints", "Rollback Triggers",
step 8): one test per [[checkpoint]] row of thresholds.toml, measured by its source and judged
against the row's levels. The outcome (HOLD, CONSIDER_ROLLBACK, ROLLBACK_NOW, INCONCLUSIVE) goes
to the verdict with the measured value, the thresholds and the sample size."""

import json
from datetime import datetime

import pytest

from deploygates.errors import GateFailure, blocked
from deploygates.manifest.checkpoints import Checkpoint
from deploygates.monitoring.measure import Judgement
from deploygates.monitoring.report import VERDICT_OF, attach_judgement, evidence, message

pytestmark = pytest.mark.postdeploy


def test_checkpoint_holds(
    checkpoint: Checkpoint, checkpoint_results: dict[str, Judgement], deployment_time: tuple[datetime | None, str],
    request: pytest.FixtureRequest,
) -> None:
    """The monitoring checkpoint holds: the measured value is within the runbook's threshold."""
    judged = checkpoint_results[checkpoint.id]
    upstream = judged.readings[-1].measurement if judged.blocked_by else None
    if upstream is not None and judged.blocked_by != request.node.nodeid:
        blocked(judged.blocked_by, upstream.problem)
    if upstream is not None and upstream.cause_verdict:  # this row met a failure first that states its verdict
        raise GateFailure(upstream.problem, upstream.cause_verdict)
    attach_judgement(judged)
    request.node.user_properties += [("verdict", VERDICT_OF[judged.outcome]),
                                     ("evidence", json.dumps(evidence(judged, deployment_time)))]
    if judged.outcome != "pass":
        pytest.fail(message(judged), pytrace=False)
