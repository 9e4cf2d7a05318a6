"""The Kubernetes backend, with the real `kubernetes` client, against recorded API objects on loopback.

No cluster: tests/platform/apiserver.py serves the recorded JSON of tests/platform/recorded/.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from kubernetes.client import ApiClient, Configuration

from deploygates.platform.kube_connect import KubeSettings, connect
from deploygates.platform.kubernetes import KubernetesPlatform
from deploygates.platform.model import PlatformError
from deploygates.release import FLAGS
from deploygates.secrets import redact
from tests.platform.apiserver import NAMESPACE, TOKEN, RecordedApiServer, write_kubeconfig

Cluster = Callable[..., KubernetesPlatform]


@pytest.fixture
def server() -> Iterator[RecordedApiServer]:
    running = RecordedApiServer().start()
    yield running
    running.stop()


@pytest.fixture
def cluster(server: RecordedApiServer) -> Cluster:
    """A backend on the recorded server in a scenario: a Configuration with a fake bearer token."""
    def make(scenario: str, timeout: float = 2.0, token: str = TOKEN) -> KubernetesPlatform:
        server.scenario = scenario
        configuration = Configuration(host=server.url, api_key={"BearerToken": f"Bearer {token}"})
        configuration.retries = 0
        return KubernetesPlatform(ApiClient(configuration), NAMESPACE, timeout, "recorded")
    return make


def test_deployment_of_a_finished_rollout(cluster: Cluster) -> None:
    found = cluster("deployed").deployment()
    assert (found.image.rsplit("/", 1)[-1], found.desired, found.updated, found.available) == (
        "virtue-app:organizational-model-v1.0", 3, 3, 3)


def test_zero_counts_omitted_by_the_api_read_as_zero(cluster: Cluster) -> None:
    found = cluster("in-window").deployment()
    assert (found.desired, found.updated, found.available, found.total) == (0, 0, 0, 0)


def test_config_map_data(cluster: Cluster) -> None:
    assert cluster("in-window").config_map("app-config")["MAINTENANCE_MODE"] == "true"


def test_pods_carry_readiness_and_restarts(cluster: Cluster) -> None:
    pods = cluster("predeploy").pods()
    assert [(pod.ready, pod.restarts) for pod in pods] == [(True, 0), (True, 1), (True, 0)]


def test_a_crash_looping_pod_is_seen(cluster: Cluster) -> None:
    looping = [pod.name for pod in cluster("deployed-crash-loop").pods() if pod.crash_looping]
    assert looping == ["virtue-app-7f4b8c9d6-tz9mb"]


def test_pod_metrics_in_millicores_and_bytes(cluster: Cluster) -> None:
    usage = cluster("deployed").pod_metrics()[0]
    assert (round(usage.cpu_millicores, 3), usage.memory_bytes) == (35.121, 231208 * 1024)


def test_logs_of_every_pod_prefixed_with_its_name(cluster: Cluster) -> None:
    lines = cluster("deployed").logs(tail=5)
    assert len(lines) == 15
    assert lines[0].startswith("virtue-app-7f4b8c9d6-4jq7x: ")


def test_flag_history_from_one_field_manager_per_flag(cluster: Cluster) -> None:
    times = cluster("deployed").flag_history().enabled_at
    assert [times[b] - times[a] for a, b in itertools.pairwise(FLAGS)] == [
        timedelta(minutes=5, seconds=5), timedelta(minutes=5, seconds=4)]


def test_flag_history_unknown_when_one_manager_wrote_every_flag(cluster: Cluster) -> None:
    history = cluster("deployed-plain-kubectl-patch").flag_history()
    assert history.enabled_at == {}
    assert "kubectl-patch" in history.gap
    assert "--field-manager" in history.gap


def test_forbidden_names_the_rbac_rule_to_grant(cluster: Cluster) -> None:
    with pytest.raises(PlatformError, match=r"forbids reading deployment virtue-app \(403\): .*get on deployments"):
        cluster("forbidden").deployment()


def test_missing_deployment_is_named(cluster: Cluster) -> None:
    with pytest.raises(PlatformError, match=r"deployment virtue-app not found in .* \(404\)"):
        cluster("no-deployment").deployment()


def test_missing_metrics_server_is_named(cluster: Cluster) -> None:
    with pytest.raises(PlatformError, match=r"metrics-server.*\(404\)"):
        cluster("no-metrics-server").pod_metrics()


def test_nonsense_answer_is_refused(cluster: Cluster) -> None:
    with pytest.raises(PlatformError, match="answered nonsense for deployment virtue-app"):
        cluster("nonsense").deployment()


def test_slow_answer_times_out_within_the_bound(cluster: Cluster, server: RecordedApiServer) -> None:
    server.delay, started = 2.0, time.monotonic()
    with pytest.raises(PlatformError, match="timed out") as raised:
        cluster("deployed", timeout=0.3).deployment()
    assert raised.value.fatal
    assert time.monotonic() - started < 1.5


def test_unreachable_api_is_fatal(cluster: Cluster, server: RecordedApiServer) -> None:
    backend = cluster("deployed")
    server.stop()
    with pytest.raises(PlatformError, match="is unreachable") as raised:
        backend.deployment()
    assert raised.value.fatal


def test_rejected_token_is_fatal(cluster: Cluster) -> None:
    with pytest.raises(PlatformError, match=r"rejected the credentials \(401\)") as raised:
        cluster("deployed", token="expired-token-value").deployment()
    assert raised.value.fatal


def test_kubeconfig_gives_context_and_namespace(server: RecordedApiServer, tmp_path: Path) -> None:
    backend = connect(KubeSettings(kubeconfig=write_kubeconfig(tmp_path / "config", server)))
    assert backend.describe() == f"Kubernetes context recorded ({server.url}), namespace {NAMESPACE}"


def test_kubeconfig_token_is_redacted_everywhere(server: RecordedApiServer, tmp_path: Path) -> None:
    connect(KubeSettings(kubeconfig=write_kubeconfig(tmp_path / "config", server)))
    assert TOKEN not in redact(f"Authorization: Bearer {TOKEN}; token={TOKEN}")


def test_missing_kubeconfig_says_how_to_provide_one(tmp_path: Path) -> None:
    with pytest.raises(PlatformError, match=r"no usable Kubernetes configuration.*KUBECONFIG") as raised:
        connect(KubeSettings(kubeconfig=tmp_path / "absent"), environ={})
    assert raised.value.fatal
