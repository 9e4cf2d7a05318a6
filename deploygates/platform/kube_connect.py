"""Connecting the Kubernetes backend: kubeconfig (a context of it) or the pod's service account.

Settings, most specific first: command line (`--kubeconfig`, `--kube-context`, `--namespace`),
then the target's environment variables (`PRODUCTION_KUBECONFIG`, `PRODUCTION_KUBE_CONTEXT`,
`PRODUCTION_NAMESPACE`, likewise for STAGING_/SANDBOX_), then the kubeconfig's current context, or
the in-cluster service account when the suite runs in a pod. Tokens are registered as secrets
before any request, so no report can print them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kubernetes.client import ApiClient, Configuration
from kubernetes.config import ConfigException, list_kube_config_contexts, load_incluster_config, load_kube_config

from deploygates.platform.kubernetes import KubernetesPlatform
from deploygates.platform.model import PlatformError
from deploygates.secrets import register_secret
from deploygates.target import env_var

IN_CLUSTER_NAMESPACE = Path("/var/run/secrets/kubernetes.io/serviceaccount/namespace")
DEFAULT_TIMEOUT = 10.0  # seconds


@dataclass(frozen=True)
class KubeSettings:
    kubeconfig: Path | None = None
    context: str | None = None
    namespace: str | None = None
    timeout: float = DEFAULT_TIMEOUT


def kube_settings(
    target: str, settings: Mapping[str, str], *, kubeconfig: Path | None = None, context: str | None = None,
    namespace: str | None = None, timeout: float = DEFAULT_TIMEOUT,
) -> KubeSettings:
    """Options win over the target's variables (`settings`: the environment over `.env`)."""
    from_env = settings.get(env_var(target, "KUBECONFIG"))
    return KubeSettings(
        kubeconfig or (Path(from_env) if from_env else None),
        context or settings.get(env_var(target, "KUBE_CONTEXT")) or None,
        namespace or settings.get(env_var(target, "NAMESPACE")) or None,
        timeout,
    )


def connect(settings: KubeSettings, environ: Mapping[str, str] = os.environ) -> KubernetesPlatform:
    configuration = Configuration()
    in_cluster = "KUBERNETES_SERVICE_HOST" in environ and not (settings.kubeconfig or settings.context)
    try:
        if in_cluster:
            load_incluster_config(client_configuration=configuration)  # type: ignore[no-untyped-call]
            namespace = settings.namespace or IN_CLUSTER_NAMESPACE.read_text().strip()
            where = "in-cluster service account"
        else:
            namespace, where = load_from_kubeconfig(settings, configuration)
    except (ConfigException, OSError, KeyError, TypeError, ValueError) as error:
        source = "the pod's service account" if in_cluster else f"kubeconfig {settings.kubeconfig or '(default)'}"
        reason = str(error).splitlines()[0] if str(error) else repr(error)
        raise PlatformError(
            f"no usable Kubernetes configuration from {source}: {reason}; "
            "set KUBECONFIG or --kubeconfig, --kube-context and --namespace (docs/platform-gates.md)", fatal=True,
        ) from None
    for key in list(configuration.api_key.values()):
        register_secret(key)
        register_secret(str(key).removeprefix("Bearer ").strip())
    configuration.retries = 0  # a gate reads once, bounded by its timeout; the operator re-runs
    return KubernetesPlatform(ApiClient(configuration), namespace, settings.timeout, where)


def load_from_kubeconfig(settings: KubeSettings, configuration: Configuration) -> tuple[str, str]:
    """Load the context into `configuration`; the namespace to use and a description of the context."""
    config_file = str(settings.kubeconfig) if settings.kubeconfig else None
    load_kube_config(  # type: ignore[no-untyped-call]
        config_file=config_file, context=settings.context, client_configuration=configuration, persist_config=False
    )
    contexts, active = list_kube_config_contexts(config_file)  # type: ignore[no-untyped-call]
    name = settings.context or active["name"]
    chosen = next((c for c in contexts if c["name"] == name), None)
    if chosen is None:
        raise ConfigException(f"context {name!r} not in the kubeconfig")
    namespace = settings.namespace or (chosen.get("context") or {}).get("namespace") or "default"
    return namespace, f"context {name} ({configuration.host})"
