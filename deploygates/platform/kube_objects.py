"""Kubernetes API objects (as the official client returns them) turned into the gates' plain values.

Zero-valued status fields are omitted by the API server (a deployment with no available replica has
no `availableReplicas`), so a missing count is 0; a missing spec, container or timestamp is not a
state the API produces and raises `PlatformError` as a nonsensical answer.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from kubernetes.utils import parse_quantity

from deploygates.platform.model import Condition, Deployment, FlagHistory, PlatformError, Pod, PodUsage
from deploygates.release import APP_CONTAINER, DEPLOYMENT, FEATURE_FLAGS, FLAGS

DOCS = "docs/platform-gates.md"


def nonsense(what: str, why: str) -> PlatformError:
    return PlatformError(f"the Kubernetes API answered nonsense for {what}: {why}")


def config_map_data(name: str, config_map: Any) -> dict[str, str]:
    data = getattr(config_map, "data", None)
    if data is None:
        data = {}
    if getattr(config_map, "metadata", None) is None or not isinstance(data, dict):
        raise nonsense(f"ConfigMap {name}", "no metadata or data that is not a map")
    return {str(key): str(value) for key, value in data.items()}


def count(status: Any, field: str) -> int:
    """A status count; the API server omits zero counts."""
    return int(getattr(status, field, None) or 0)


def deployment_status(deployment: Any) -> Deployment:
    spec, status = getattr(deployment, "spec", None), getattr(deployment, "status", None)
    what = f"deployment {DEPLOYMENT}"
    if spec is None or spec.template is None or spec.template.spec is None or spec.replicas is None:
        raise nonsense(what, "no spec.replicas or pod template")
    containers = {container.name: container for container in spec.template.spec.containers or []}
    if APP_CONTAINER not in containers or not containers[APP_CONTAINER].image:
        raise nonsense(what, f"no container named {APP_CONTAINER!r} with an image (found {sorted(containers)})")
    conditions = tuple(
        Condition(c.type, c.status, c.reason or "", c.message or "") for c in getattr(status, "conditions", None) or []
    )
    return Deployment(
        image=containers[APP_CONTAINER].image, desired=int(spec.replicas),
        updated=count(status, "updated_replicas"), available=count(status, "available_replicas"),
        ready=count(status, "ready_replicas"), total=count(status, "replicas"),
        generation=int(deployment.metadata.generation or 0),
        observed_generation=count(status, "observed_generation"), conditions=conditions,
    )


def pod_state(pod: Any) -> Pod:
    name = pod.metadata.name if pod.metadata else None
    if not name or pod.spec is None:
        raise nonsense("the pod list", "a pod without name or spec")
    images = {container.name: container.image for container in pod.spec.containers or []}
    statuses = {s.name: s for s in (pod.status.container_statuses if pod.status else None) or []}
    app = statuses.get(APP_CONTAINER)
    if app is None:  # not scheduled or not started yet: the pod phase says why
        phase = pod.status.phase if pod.status and pod.status.phase else "Unknown"
        return Pod(name, images.get(APP_CONTAINER, ""), False, 0, phase)
    waiting = app.state.waiting.reason if app.state and app.state.waiting else ""
    return Pod(name, images.get(APP_CONTAINER, app.image or ""), bool(app.ready), int(app.restart_count or 0),
               waiting or "")


def quantity(text: str) -> float:
    """A Kubernetes quantity ("12345678n", "187436Ki", "1") as a number of base units."""
    return float(parse_quantity(text))  # type: ignore[no-untyped-call]


def pod_usage(metrics: Any) -> list[PodUsage]:
    """PodMetricsList (metrics.k8s.io/v1beta1, a plain dict from CustomObjectsApi) → usage per pod."""
    if not isinstance(metrics, dict) or metrics.get("kind") != "PodMetricsList":
        raise nonsense("pod metrics", f"expected a PodMetricsList, got {type(metrics).__name__}")
    usages = []
    try:
        for item in metrics.get("items") or []:
            containers = item["containers"]
            cpu = sum(quantity(c["usage"]["cpu"]) for c in containers) * 1000
            memory = int(sum(quantity(c["usage"]["memory"]) for c in containers))
            usages.append(PodUsage(item["metadata"]["name"], cpu, memory))
    except (KeyError, TypeError, ValueError) as error:
        raise nonsense("pod metrics", f"malformed item ({type(error).__name__}: {error})") from None
    return usages


def flag_history(config_map: Any, namespace: str) -> FlagHistory:
    """When each flag was last enabled, from the ConfigMap's managedFields.

    The API server records, per field manager, the fields it owns and the time of its latest write,
    nothing older. A flag's time is therefore known when its field is owned by a manager that owns
    no other flag: `kubectl patch --field-manager=<one name per flag>` (see docs/platform-gates.md).
    Three plain `kubectl patch` commands share the manager `kubectl-patch`: only the last time survives.
    """
    owners: dict[str, list[tuple[str, datetime]]] = {flag: [] for flag in FLAGS}
    for entry in (config_map.metadata.managed_fields if config_map.metadata else None) or []:
        fields = (entry.fields_v1 or {}).get("f:data", {}) if isinstance(entry.fields_v1, dict) else {}
        if entry.time is None:
            continue
        at = entry.time if entry.time.tzinfo else entry.time.replace(tzinfo=UTC)
        for flag in FLAGS:
            if f"f:{flag}" in fields:
                owners[flag].append((entry.manager or "?", at))
    by_manager: dict[str, list[str]] = {}
    for flag, entries in owners.items():
        for manager, _ in entries:
            by_manager.setdefault(manager, []).append(flag)
    enabled_at = {
        flag: entries[0][1]
        for flag, entries in owners.items()
        if len(entries) == 1 and len(by_manager[entries[0][0]]) == 1
    }
    shared = sorted({m for m, flags in by_manager.items() if len(flags) > 1})
    unknown = [flag for flag in FLAGS if flag not in enabled_at]
    gap = ""
    if unknown:
        why = f"field manager(s) {', '.join(shared)} wrote several flags and keep only the latest time" if shared else (
            "no managedFields entry owns them")
        gap = f"times unknown for {', '.join(unknown)}: {why}; enable each flag with its own --field-manager ({DOCS})"
    return FlagHistory(enabled_at, f"managedFields of ConfigMap {namespace}/{FEATURE_FLAGS}", gap)
