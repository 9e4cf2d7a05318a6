"""A stand-in Kubernetes API server on loopback, answering the real client with recorded API objects.

The objects under recorded/ have the exact shapes the API server returns (ConfigMap, apps/v1
Deployment with status, PodList, metrics.k8s.io PodMetricsList, pod logs as text, Status objects for
401/403/404). A scenario maps each resource the gates read to one recorded answer; `delay` makes
every answer slow. Bearer-token authentication is checked like the real server does (401 otherwise).
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

RECORDED = Path(__file__).parent / "recorded"
NAMESPACE = "virtue-prod"
TOKEN = "recorded-cluster-token-5f3a9c2e71"  # fake; the tests check it never reaches output
LABEL = "app=virtue-app"


@dataclass(frozen=True)
class Answer:
    file: str
    status: int = 200


def phase(app_config: str, flags: str, deployment: str, pods: str, metrics: str, log: str) -> dict[str, Answer]:
    return {"app-config": Answer(app_config), "feature-flags": Answer(flags), "deployment": Answer(deployment),
            "pods": Answer(pods), "metrics": Answer(metrics), "log": Answer(log)}


PREDEPLOY = phase("configmap-app-config.json", "configmap-feature-flags-off.json", "deployment-previous.json",
                  "podlist-previous.json", "podmetrics-previous.json", "log-previous.txt")
DEPLOYED = phase("configmap-app-config-after.json", "configmap-feature-flags-enabled.json", "deployment-target.json",
                 "podlist-target.json", "podmetrics-target.json", "log-target.txt")
FORBIDDEN = {resource: Answer("status-403.json", 403) for resource in PREDEPLOY}
SCENARIOS: dict[str, dict[str, Answer]] = {
    "predeploy": PREDEPLOY,
    "in-window": phase("configmap-app-config-maintenance.json", "configmap-feature-flags-off.json",
                       "deployment-scaled-down.json", "podlist-empty.json", "podmetrics-empty.json",
                       "log-previous.txt"),
    "deployed": DEPLOYED,
    "rolled-back": phase("configmap-app-config-after.json", "configmap-feature-flags-rolled-back.json",
                         "deployment-rolled-back.json", "podlist-rolled-back.json", "podmetrics-rolled-back.json",
                         "log-previous.txt"),
    "forbidden": FORBIDDEN,
    "deployed-plain-kubectl-patch": {
        **DEPLOYED, "feature-flags": Answer("configmap-feature-flags-enabled-kubectl-patch.json")},
    "deployed-crash-loop": {**DEPLOYED, "deployment": Answer("deployment-target-degraded.json"),
                            "pods": Answer("podlist-target-crashloop.json")},
    "no-deployment": {**PREDEPLOY, "deployment": Answer("status-404-deployment.json", 404)},
    "no-metrics-server": {**PREDEPLOY, "metrics": Answer("status-404-metrics.json", 404)},
    "deployed-no-metrics-server": {**DEPLOYED, "metrics": Answer("status-404-metrics.json", 404)},
    "predeploy-flag-missing": {**PREDEPLOY, "feature-flags": Answer("configmap-feature-flags-missing-coach.json")},
    "nonsense": {**DEPLOYED, "deployment": Answer("configmap-app-config.json"), "pods": Answer("log-target.txt")},
}
KINDS = {"app-config": ("configmaps", "app-config"), "feature-flags": ("configmaps", "feature-flags"),
         "deployment": ("deployments.apps", "virtue-app"), "pods": ("pods", ""),
         "metrics": ("pods.metrics.k8s.io", ""), "log": ("pods/log", "")}


def resource_of(path: str, query: dict[str, list[str]]) -> str | None:
    core, metrics = f"/api/v1/namespaces/{NAMESPACE}", f"/apis/metrics.k8s.io/v1beta1/namespaces/{NAMESPACE}"
    selected = query.get("labelSelector") == [LABEL]
    routes = {
        f"{core}/configmaps/app-config": "app-config",
        f"{core}/configmaps/feature-flags": "feature-flags",
        f"/apis/apps/v1/namespaces/{NAMESPACE}/deployments/virtue-app": "deployment",
        f"{core}/pods": "pods" if selected else None,
        f"{metrics}/pods": "metrics" if selected else None,
    }
    if path.startswith(f"{core}/pods/") and path.endswith("/log") and query.get("container") == ["app"]:
        return "log"
    return routes.get(path)


def body_of(resource: str, answer: Answer) -> bytes:
    text = (RECORDED / answer.file).read_text()
    if answer.status == 403:  # the recorded Forbidden, reworded for the resource asked, as the server does
        status = json.loads(text)
        kind, name = KINDS[resource]
        subject = f'{kind} "{name}"' if name else kind
        verb = "get" if name or resource == "log" else "list"
        status["message"] = (f'{subject} is forbidden: User "system:serviceaccount:{NAMESPACE}:virtue-gates" '
                             f'cannot {verb} resource "{kind}" in the namespace "{NAMESPACE}"')
        status["details"] = {"name": name, "kind": kind} if name else {"kind": kind}
        text = json.dumps(status)
    return text.encode()


class RecordedApiServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, scenario: str = "predeploy", delay: float = 0.0) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.scenario, self.delay, self.seen = scenario, delay, list[str]()
        self.thread = threading.Thread(target=self.serve_forever, args=(0.05,), name="recorded-kube-api", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def scenario_answers(self) -> dict[str, Answer]:
        return SCENARIOS[self.scenario]

    def start(self) -> RecordedApiServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that gave up on a slow answer closes its socket: nothing to report."""


class Handler(BaseHTTPRequestHandler):
    server: RecordedApiServer

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the tests assert on what was requested (server.seen), not on a log."""

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        self.server.seen.append(url.path)
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            return self.reply(401, (RECORDED / "status-401.json").read_bytes(), "application/json")
        resource = resource_of(url.path, parse_qs(url.query))
        answer = self.server.scenario_answers().get(resource or "") if resource else None
        if resource is None or answer is None:
            return self.reply(404, (RECORDED / "status-404-metrics.json").read_bytes(), "application/json")
        time.sleep(self.server.delay)
        kind = "text/plain" if answer.file.endswith(".txt") else "application/json"
        self.reply(answer.status, body_of(resource, answer), kind)

    def reply(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def write_kubeconfig(path: Path, server: RecordedApiServer, context: str = "recorded") -> Path:
    """A kubeconfig whose context points at the recorded server with the fake bearer token."""
    path.write_text(json.dumps({
        "apiVersion": "v1", "kind": "Config", "current-context": context,
        "clusters": [{"name": "recorded", "cluster": {"server": server.url}}],
        "users": [{"name": "virtue-gates", "user": {"token": TOKEN}}],
        "contexts": [{"name": context, "context": {"cluster": "recorded", "user": "virtue-gates",
                                                    "namespace": NAMESPACE}}],
    }, indent=2))
    return path
