"""The manifests under deploy/ parse into the kubernetes client's models and keep the exit-code contract.

The Job (deploy/postdeploy-job.yaml) and the Argo Rollouts AnalysisTemplate's job provider
(deploy/analysis-template.yaml) run the same command, the night's selection; a failed gate must fail the
Job at once (docs/exit-codes.md), no secret value may be written into either file, the reports outlive the
pod, and every setting the gates read is documented. The image comes from deploy/Dockerfile; the GitHub
Actions example (deploy/github-actions.yml) runs the same night.
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
NIGHT = "postdeploy and not later"  # runbook.toml `due`: items due after the night are marked `later`
COMMAND = ["pytest", "-m", NIGHT, "--target", "production", "-p", "no:cacheprovider",
           "--signoffs=/etc/virtue-gates/signoffs.toml", "--alluredir=$(GATE_REPORTS)/allure-results",
           "--junitxml=$(GATE_REPORTS)/junit.xml"]
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


def test_runs_the_nights_postdeploy_gates_against_production(spec: V1JobSpec) -> None:
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


def env_of(spec: V1JobSpec) -> dict[str, str]:
    return {env.name: env.value for env in spec.template.spec.containers[0].env or [] if env.value is not None}


def test_the_reports_outlive_the_pod(spec: V1JobSpec) -> None:
    """verdict.json, junit.xml and the Allure results go to a folder on a persistent volume claim."""
    claims = {v.name for v in spec.template.spec.volumes if v.persistent_volume_claim}
    mounted = {m.mount_path for m in spec.template.spec.containers[0].volume_mounts if m.name in claims}
    assert [path for path in mounted if env_of(spec)["GATE_REPORTS"].startswith(path + "/")] == ["/reports"]


def test_the_signoff_file_comes_from_a_secret(spec: V1JobSpec) -> None:
    """The --signoffs file is mounted from a Secret (it names people and phone numbers)."""
    secrets = {v.name: v.secret.secret_name for v in spec.template.spec.volumes if v.secret}
    mounts = {m.mount_path: m.name for m in spec.template.spec.containers[0].volume_mounts}
    assert secrets.get(mounts.get("/etc/virtue-gates", "")) == "virtue-gates-signoffs"


def settings_the_gates_read() -> list[str]:
    """Every production setting of a postdeploy run: target, test accounts, monitoring, platform, folders."""
    from deploygates.http.accounts import ROLES, variables
    from deploygates.target import env_var

    names = [env_var("production", key) for key in ("DATABASE_URL", "APP_URL", "PROMETHEUS_URL", "DEPLOYED_AT",
                                                    "NAMESPACE")]
    return [*names, *(name for role in ROLES for name in variables("production", role)), "GATE_REPORTS",
            "GATE_RECORDED"]


@pytest.mark.parametrize("setting", settings_the_gates_read())
def test_every_setting_is_documented_in_the_job(setting: str) -> None:
    """The Job's comments say what each variable the gates read holds (test accounts included)."""
    assert re.search(rf"^#\s+{setting}\s+\S", (DEPLOY / "postdeploy-job.yaml").read_text(), re.MULTILINE)


def dockerfile() -> str:
    return (DEPLOY / "Dockerfile").read_text()


def test_the_dockerfile_copies_only_what_exists() -> None:
    """Every COPY source of deploy/Dockerfile is a file or folder of the checkout."""
    sources = [part for line in dockerfile().splitlines() if line.startswith("COPY ") for part in line.split()[1:-1]]
    assert [source for source in sources if not (PROJECT_ROOT / source).exists()] == [], sources


def test_the_image_runs_where_and_as_whom_the_job_expects(spec: V1JobSpec) -> None:
    """The image's WORKDIR and USER are the Job's workingDir and runAsUser."""
    found = dict(line.split(maxsplit=1) for line in dockerfile().splitlines() if line.startswith(("WORKDIR", "USER")))
    pod, container = spec.template.spec.security_context, spec.template.spec.containers[0]
    assert (found["WORKDIR"], found["USER"]) == (container.working_dir, str(pod.run_as_user))


def workflow() -> dict[Any, Any]:
    found: dict[Any, Any] = yaml.safe_load((DEPLOY / "github-actions.yml").read_text())
    return found


def test_the_workflow_runs_the_same_night_as_the_job() -> None:
    """The GitHub Actions example's `night` phase selects what the Job selects."""
    steps = workflow()["jobs"]["gates"]["steps"]
    script = next(step["run"] for step in steps if step.get("name") == "Gates and report")
    assert f'night) selection="{NIGHT}"' in script


def test_the_workflow_keeps_its_reports_whatever_the_verdict() -> None:
    """The reports folder is uploaded as an artifact even when the gates fail."""
    steps = workflow()["jobs"]["gates"]["steps"]
    upload = next(step for step in steps if str(step.get("uses", "")).startswith("actions/upload-artifact"))
    assert (upload["if"], upload["with"]["path"]) == ("always()", "reports/")


def test_the_workflow_takes_secrets_from_the_environment_only() -> None:
    """No value in the workflow looks like a credential: secrets come from ${{ secrets.* }}."""
    text = (DEPLOY / "github-actions.yml").read_text()
    assert re.findall(r"://[^/\s]*:[^@/\s]+@", text) == []
