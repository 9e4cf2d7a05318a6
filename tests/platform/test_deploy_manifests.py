"""The manifests under deploy/ parse into the kubernetes client's models and keep the exit-code contract.

The Job (deploy/postdeploy-job.yaml) and the Argo Rollouts AnalysisTemplate's job provider
(deploy/analysis-template.yaml) run the same command; a failed gate must fail the Job at once
(docs/exit-codes.md), and no secret value may be written into either file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from kubernetes.client import V1Job, V1JobSpec, V1Role

from tests.project import PROJECT_ROOT

DEPLOY = PROJECT_ROOT / "deploy"
COMMAND = ["pytest", "-m", "postdeploy", "--target", "production", "-p", "no:cacheprovider"]
SECRET_LOOKING = re.compile(r"://[^/\s]*:[^@/\s]+@|password|token|secret", re.IGNORECASE)


def documents(name: str) -> list[dict[str, Any]]:
    return [doc for doc in yaml.safe_load_all((DEPLOY / name).read_text()) if doc]


def analysis_template() -> dict[str, Any]:
    (template,) = documents("analysis-template.yaml")
    return template


def job_specs() -> dict[str, V1JobSpec]:
    (job,) = documents("postdeploy-job.yaml")
    provider = analysis_template()["spec"]["metrics"][0]["provider"]["job"]
    return {"job": V1Job.from_dict(job).spec, "analysis-template": V1JobSpec.from_dict(provider["spec"])}


SPECS = job_specs()


@pytest.fixture(params=sorted(SPECS))
def spec(request: pytest.FixtureRequest) -> V1JobSpec:
    return SPECS[request.param]


def test_runs_the_postdeploy_gates_against_production(spec: V1JobSpec) -> None:
    assert spec.template.spec.containers[0].command == COMMAND


def test_a_failed_gate_fails_the_job_without_a_retry(spec: V1JobSpec) -> None:
    assert (spec.backoff_limit, spec.template.spec.restart_policy) == (0, "Never")


def test_the_gates_image_is_pinned(spec: V1JobSpec) -> None:
    image = spec.template.spec.containers[0].image
    resolved = image.replace("{{args.gates-image}}", analysis_template()["spec"]["args"][0]["value"])
    assert re.fullmatch(r"[\w.-]+(/[\w.-]+)+:\d+\.\d+\.\d+", resolved), resolved


def test_connection_settings_come_from_a_secret(spec: V1JobSpec) -> None:
    sources = spec.template.spec.containers[0].env_from or []
    assert [source.secret_ref.name for source in sources if source.secret_ref] == ["virtue-gates-production"]


def test_no_secret_value_is_inline(spec: V1JobSpec) -> None:
    inline = [(env.name, env.value) for env in spec.template.spec.containers[0].env or [] if env.value is not None]
    assert not [pair for pair in inline if SECRET_LOOKING.search(f"{pair[0]}={pair[1]}")], inline


def test_runs_as_the_read_only_service_account(spec: V1JobSpec) -> None:
    assert spec.template.spec.service_account_name == "virtue-gates"


def test_the_analysis_aborts_the_rollout_at_the_first_failure() -> None:
    metric = analysis_template()["spec"]["metrics"][0]
    assert (analysis_template()["kind"], metric["count"], metric["failureLimit"]) == ("AnalysisTemplate", 1, 0)


def test_the_service_account_may_only_read() -> None:
    role = V1Role.from_dict(next(doc for doc in documents("rbac.yaml") if doc["kind"] == "Role"))
    verbs = {verb for rule in role.rules for verb in rule.verbs}
    assert verbs <= {"get", "list", "watch"}, verbs


def test_every_manifest_is_valid_yaml() -> None:
    assert all(documents(path.name) for path in sorted(Path(DEPLOY).glob("*.yaml")))
