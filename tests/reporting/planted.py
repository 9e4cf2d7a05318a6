"""Distinctive secrets planted in every input channel of a gate run, and a scan of every output for them.

The passwords hold what breaks naive redaction: spaces, single and double quotes, backslashes, `@`, `:`,
`%` and non-ASCII letters. The scan looks for every spelling a secret can take (raw, URL-encoded,
JSON-, SQL-, shell- and conninfo-escaped, repr, XML) and for each of its fragments of eight characters or
more between those special characters, so a leaked tail counts as a leak (eight: a shorter random
fragment could turn up by chance in a hash or base64 that merely happens to be output)."""

from __future__ import annotations

import base64
import re
from pathlib import Path
from urllib.parse import quote

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg.sql import SQL, Identifier, Literal

from deploygates.secrets import spellings

DB_PASSWORD = "Kq7wPlmZ sp4ceXXq'Xq9zLtRw\\Jv3mRuPa@Hb8nQeTy:Rt5yGhUi%Wc2uDkOp Ünïcødéß€Ld6pYsNb"
STAGING_PASSWORD = 'Pl4ntStGw "Gq2xBnHy\\Vw7cTaKu%41Zr5eMoLi'
PRODUCTION_PASSWORD = "Pr0dPwXa ~Jk4mWqZe'Lp8nZvRt\\Cx3bNrVy@Ys6tHdPo:Qe9rTyUi"
APP_USER, APP_PASSWORD = "gate-basic", "Ap9pKlWs:Zx8wRtQa@Mn4vBcXe Qs%2FÉtéJc7Lm"
BEARER = "PlantedBearer.Zq8TwKpLx.QmRv9dXs"
ACCOUNT_PASSWORD = "PlantedAccountPw-5e1f77"
KUBE_TOKEN = "PlantedKubeToken-Xc4dQ2aa"
SECRETS = (DB_PASSWORD, STAGING_PASSWORD, PRODUCTION_PASSWORD, APP_PASSWORD, BEARER, ACCOUNT_PASSWORD, KUBE_TOKEN)
FRAGMENT = re.compile(r"[^\W_]{8,}")


def password_dsn(admin_dsn: str, role: str = "gate_planted", password: str = DB_PASSWORD,
                 attributes: str = "SUPERUSER") -> str:
    """A role with a password on the scratch server, as a postgresql://USER:PASSWORD@HOST:PORT/DB URL."""
    with psycopg.connect(admin_dsn, autocommit=True) as connection:
        connection.execute(SQL("DROP ROLE IF EXISTS {}").format(Identifier(role)))
        connection.execute(SQL("CREATE ROLE {} LOGIN " + attributes + " PASSWORD {}").format(
            Identifier(role), Literal(password)))
    parts = conninfo_to_dict(admin_dsn)
    return (f"postgresql://{role}:{quote(password, safe='')}@{parts['host']}:{parts['port']}/"
            f"{parts.get('dbname', 'postgres')}")


def with_credentials(url: str) -> str:
    """The app's URL with the planted basic-auth user and password in it."""
    scheme, rest = url.split("://", 1)
    return f"{scheme}://{APP_USER}:{quote(APP_PASSWORD, safe='')}@{rest}"


def environment(workdir: Path, admin_dsn: str) -> dict[str, str]:
    """Every channel a run reads secrets from: database URLs, app URLs, account passwords, tokens, a kubeconfig."""
    kubeconfig = workdir / "kubeconfig"
    kubeconfig.write_text(
        "apiVersion: v1\nkind: Config\ncurrent-context: c\n"
        "clusters: [{name: k, cluster: {server: 'https://127.0.0.1:9'}}]\n"
        "contexts: [{name: c, context: {cluster: k, user: u}}]\n"
        f"users: [{{name: u, user: {{token: {KUBE_TOKEN}}}}}]\n"
    )
    staging = f"postgresql://virtue:{quote(STAGING_PASSWORD, safe='')}@db.staging.invalid:5432/virtue"
    return {
        "SANDBOX_DATABASE_URL": password_dsn(admin_dsn), "STAGING_DATABASE_URL": staging,
        "STAGING_APP_URL": with_credentials("https://app.staging.invalid"),
        "STAGING_TEST_PASSWORD": ACCOUNT_PASSWORD, "PRODUCTION_TEST_PASSWORD": ACCOUNT_PASSWORD,
        "PROMETHEUS_BEARER_TOKEN": BEARER, "PRODUCTION_KUBECONFIG": str(kubeconfig),
    }


def needles(secret: str) -> set[str]:
    """What betrays a secret in output: each of its spellings, and each distinctive fragment of it."""
    return {*spellings(secret), *FRAGMENT.findall(secret)}


def leaked(text: str, secrets: tuple[str, ...] = SECRETS) -> list[str]:
    """The planted secrets `text` betrays (by any spelling or fragment)."""
    return [secret for secret in secrets if any(needle in text for needle in needles(secret))]


def hits(folder: Path, secrets: tuple[str, ...] = SECRETS) -> dict[str, list[str]]:
    """Per file under `folder` (the kubeconfig input excepted): the planted secrets it betrays."""
    found: dict[str, list[str]] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name != "kubeconfig"):
        betrayed = leaked(path.read_bytes().decode("utf-8", "replace"), secrets)
        if betrayed:
            found[str(path.relative_to(folder))] = betrayed
    return found


def embedded(html: Path) -> str:
    """Everything a single-file Allure report embeds (base64 values of its `d("name","value")` calls), decoded."""
    values = re.findall(r'd\("[^"]+","([A-Za-z0-9+/=\\n]*)"\)', html.read_text())
    return "\n".join(base64.b64decode(value.replace("\\n", "")).decode("utf-8", "replace") for value in values)
