"""The Kubernetes backend: the platform reads through the official `kubernetes` client.

Every call carries a connect and read timeout and no retry; every failure becomes one
`PlatformError` sentence: unreachable or slow API (fatal: later reads fail at once), 401, 403 (with
the RBAC rule to grant), 404 (what is missing), or an answer that does not make sense.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

import urllib3
from kubernetes.client import ApiClient, AppsV1Api, CoreV1Api, CustomObjectsApi
from kubernetes.client.exceptions import ApiException

from deploygates.platform import kube_objects
from deploygates.platform.model import Deployment, FlagHistory, PlatformError, Pod, PodUsage
from deploygates.release import APP_CONTAINER, APP_LABEL, DEPLOYMENT, FEATURE_FLAGS, FLAGS

T = TypeVar("T")
RBAC = "deploy/rbac.yaml"


class KubernetesPlatform:
    def __init__(self, api: ApiClient, namespace: str, timeout: float, where: str) -> None:
        self.core, self.apps, self.custom = CoreV1Api(api), AppsV1Api(api), CustomObjectsApi(api)
        self.namespace, self.timeout, self.where = namespace, timeout, where

    def describe(self) -> str:
        return f"Kubernetes {self.where}, namespace {self.namespace}"

    def call(self, what: str, rule: str, read: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """One bounded API read; `what` names the object for messages, `rule` the RBAC it needs."""
        try:
            return read(*args, _request_timeout=(self.timeout, self.timeout), **kwargs)
        except ApiException as error:
            raise self.refused(what, rule, error) from None
        except urllib3.exceptions.HTTPError as error:
            reason = "timed out" if "timed out" in str(error).lower() else "is unreachable"
            raise PlatformError(
                f"the Kubernetes API of {self.where} {reason} (reading {what}, timeout {self.timeout:g}s): "
                f"{type(error).__name__}", fatal=True,
            ) from None
        except (ValueError, TypeError) as error:  # pydantic validation, undecodable JSON
            raise kube_objects.nonsense(what, f"{type(error).__name__}: {str(error).splitlines()[0]}") from None

    def refused(self, what: str, rule: str, error: ApiException) -> PlatformError:
        status, where = error.status, f"{self.where}, namespace {self.namespace}"
        if status == 401:
            return PlatformError(f"the Kubernetes API of {where} rejected the credentials (401) reading {what}: "
                                 "the token is missing or expired; refresh the kubeconfig", fatal=True)
        if status == 403:
            return PlatformError(f"the Kubernetes API of {where} forbids reading {what} (403): "
                                 f"grant the gates' service account {rule} (see {RBAC})")
        if status == 404:
            return PlatformError(f"{what} not found in {where} (404)")
        if not status:  # the client refused the answer itself (content type, TLS)
            return kube_objects.nonsense(what, str(error.reason).splitlines()[0])
        return PlatformError(f"the Kubernetes API of {where} answered {status} {error.reason} reading {what}")

    def config_map(self, name: str) -> dict[str, str]:
        found = self.call(f"ConfigMap {name}", "get on configmaps", self.core.read_namespaced_config_map,
                          name, self.namespace)
        return kube_objects.config_map_data(name, found)

    def deployment(self) -> Deployment:
        found = self.call(f"deployment {DEPLOYMENT}", "get on deployments.apps",
                          self.apps.read_namespaced_deployment, DEPLOYMENT, self.namespace)
        return kube_objects.deployment_status(found)

    def pods(self) -> list[Pod]:
        found = self.call(f"pods {APP_LABEL}", "list on pods", self.core.list_namespaced_pod,
                          self.namespace, label_selector=APP_LABEL)
        return [kube_objects.pod_state(pod) for pod in found.items or []]

    def pod_metrics(self) -> list[PodUsage]:
        what = "pod metrics (metrics.k8s.io/v1beta1; is metrics-server installed?)"
        found = self.call(what, "list on pods.metrics.k8s.io", self.custom.list_namespaced_custom_object,
                          "metrics.k8s.io", "v1beta1", self.namespace, "pods", label_selector=APP_LABEL)
        return kube_objects.pod_usage(found)

    def logs(self, tail: int = 100) -> list[str]:
        lines: list[str] = []
        for pod in self.pods():
            text = self.call(f"the log of pod {pod.name}", "get on pods/log", self.core.read_namespaced_pod_log,
                             pod.name, self.namespace, container=APP_CONTAINER, tail_lines=tail)
            if not isinstance(text, str):
                raise kube_objects.nonsense(f"the log of pod {pod.name}", "not text")
            lines += [f"{pod.name}: {line}" for line in text.splitlines()]
        return lines

    def flag_history(self) -> FlagHistory:
        found = self.call(f"ConfigMap {FEATURE_FLAGS}", "get on configmaps", self.core.read_namespaced_config_map,
                          FEATURE_FLAGS, self.namespace)
        return kube_objects.flag_history(found, self.namespace)

    def deployed_at(self, image: str) -> tuple[datetime | None, str]:
        """Kubernetes keeps no deployment history the gates can read; the time ORGANIZATIONAL_MODEL was
        switched on (step 5, from the ConfigMap's managedFields) is the closest it records, after step 4."""
        history = self.flag_history()
        model = FLAGS[-1]
        if model in history.enabled_at:
            return history.enabled_at[model], f"{history.source} ({model} switched on, step 5)"
        return None, f"{history.source} does not tell when {model} was switched on {history.gap}".strip()
