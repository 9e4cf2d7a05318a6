"""Distinctive secrets planted in every input channel of a gate run, and a scan of every output for them."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import psycopg
from psycopg.conninfo import conninfo_to_dict

DB_PASSWORD = "PlantedDbPw-7f3a9c"
STAGING_PASSWORD = "PlantedStagingPw-2b8e41"
BEARER = "PlantedBearer.eyJhbGciOi.9d2c5e"
ACCOUNT_PASSWORD = "PlantedAccountPw-5e1f77"
KUBE_TOKEN = "PlantedKubeToken-0c4d92aa"
SECRETS = (DB_PASSWORD, STAGING_PASSWORD, BEARER, ACCOUNT_PASSWORD, KUBE_TOKEN)


def password_dsn(admin_dsn: str) -> str:
    """A role with a password on the scratch server, as a postgresql://USER:PASSWORD@HOST:PORT/DB URL."""
    with psycopg.connect(admin_dsn, autocommit=True) as connection:
        connection.execute("DROP ROLE IF EXISTS gate_planted")
        connection.execute(f"CREATE ROLE gate_planted LOGIN SUPERUSER PASSWORD '{DB_PASSWORD}'")
    parts = conninfo_to_dict(admin_dsn)
    return f"postgresql://gate_planted:{DB_PASSWORD}@{parts['host']}:{parts['port']}/{parts.get('dbname', 'postgres')}"


def environment(workdir: Path, admin_dsn: str) -> dict[str, str]:
    """Every channel a run reads secrets from: database URLs, account passwords, tokens, a kubeconfig."""
    kubeconfig = workdir / "kubeconfig"
    kubeconfig.write_text(
        "apiVersion: v1\nkind: Config\ncurrent-context: c\n"
        "clusters: [{name: k, cluster: {server: 'https://127.0.0.1:9'}}]\n"
        "contexts: [{name: c, context: {cluster: k, user: u}}]\n"
        f"users: [{{name: u, user: {{token: {KUBE_TOKEN}}}}}]\n"
    )
    staging = f"postgresql://virtue:{STAGING_PASSWORD}@db.staging.invalid:5432/virtue"
    return {
        "SANDBOX_DATABASE_URL": password_dsn(admin_dsn), "STAGING_DATABASE_URL": staging,
        "STAGING_TEST_PASSWORD": ACCOUNT_PASSWORD, "PRODUCTION_TEST_PASSWORD": ACCOUNT_PASSWORD,
        "PROMETHEUS_BEARER_TOKEN": BEARER, "PRODUCTION_KUBECONFIG": str(kubeconfig),
    }


def hits(folder: Path, secrets: tuple[str, ...] = SECRETS) -> dict[str, list[str]]:
    """Per file under `folder` (the kubeconfig input excepted): the planted secrets it contains."""
    found: dict[str, list[str]] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name != "kubeconfig"):
        text = path.read_bytes().decode("utf-8", "replace")
        leaked = [secret for secret in secrets if secret in text]
        if leaked:
            found[str(path.relative_to(folder))] = leaked
    return found


def embedded(html: Path) -> str:
    """Everything a single-file Allure report embeds (base64 values of its `d("name","value")` calls), decoded."""
    values = re.findall(r'd\("[^"]+","([A-Za-z0-9+/=\\n]*)"\)', html.read_text())
    return "\n".join(base64.b64decode(value.replace("\\n", "")).decode("utf-8", "replace") for value in values)
