"""A real Prometheus (Debian's `prometheus` package) as a child process, scraping the sandbox app.

Started on 127.0.0.1 on a free port, with a generated config (one job, `virtue-app`, scraping every
second) and its own storage directory; stopped with SIGTERM (Prometheus flushes and exits), SIGKILL
if it hangs. Install it with `apt-get install -y --no-install-recommends prometheus`.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import yaml

from deploygates.processes import Service, ServiceStartError, free_port, start_service
from deploygates.release import METRICS

JOB = "virtue-app"
INSTALL = "apt-get install -y --no-install-recommends prometheus"


class PrometheusStartError(Exception):
    """Prometheus is not installed or did not become ready; the message says which and how to fix it."""


@dataclass
class RunningPrometheus:
    service: Service
    scrape_interval: float

    @property
    def url(self) -> str:
        return self.service.url

    @property
    def process(self) -> subprocess.Popen[bytes]:
        return self.service.process

    def stop(self, timeout: float = 10) -> None:
        self.service.stop(timeout)

    def last_scrape(self) -> float:
        """Unix time of the latest scrape of the app (0 before the first)."""
        try:
            body = httpx.get(f"{self.url}/api/v1/query", params={"query": f'max(timestamp(up{{job="{JOB}"}}))'},
                             timeout=5).json()
            result = body["data"]["result"]
            return float(result[0]["value"][1]) if result else 0.0
        except (httpx.HTTPError, ValueError, KeyError, IndexError):
            return 0.0

    def wait_for_scrape_after(self, moment: float, timeout: float = 15) -> bool:
        """Wait until a scrape later than `moment` is stored, so a query sees the traffic before it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.last_scrape() > moment:
                return True
            time.sleep(self.scrape_interval / 4)
        return False


def write_config(path: Path, app_url: str, interval: float) -> None:
    parts = urlsplit(app_url)
    job = {"job_name": JOB, "scrape_interval": f"{interval:g}s", "scrape_timeout": f"{interval:g}s",
           "metrics_path": METRICS, "scheme": parts.scheme or "http",
           "static_configs": [{"targets": [parts.netloc]}]}
    path.write_text(yaml.safe_dump({"global": {"scrape_interval": f"{interval:g}s"}, "scrape_configs": [job]}))


def start_prometheus(app_url: str, workdir: Path, interval: float = 1.0, timeout: float = 30) -> RunningPrometheus:
    binary = shutil.which("prometheus")
    if binary is None:
        raise PrometheusStartError(f"the `prometheus` binary is not installed: {INSTALL} (or give --prometheus-url)")
    workdir.mkdir(parents=True, exist_ok=True)
    config, log, port = workdir / "prometheus.yml", workdir / "prometheus.log", free_port()
    write_config(config, app_url, interval)
    url = f"http://127.0.0.1:{port}"
    argv = [binary, f"--config.file={config}", f"--storage.tsdb.path={workdir / 'data'}",
            f"--web.listen-address=127.0.0.1:{port}", "--storage.tsdb.retention.time=1d", "--log.level=warn"]

    def ready() -> str | None:
        try:
            return url if httpx.get(f"{url}/-/ready", timeout=2).status_code == 200 else None
        except httpx.HTTPError:
            return None

    try:
        service = start_service("Prometheus", argv, log, ready, timeout=timeout, cwd=workdir, poll=0.1)
    except ServiceStartError as error:
        raise PrometheusStartError(str(error)) from None
    return RunningPrometheus(service, interval)
