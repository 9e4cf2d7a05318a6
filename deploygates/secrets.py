"""Keeping secrets out of every output: registered values and credential patterns are masked.

Secrets are registered by the code that reads them and, at start-up, from every environment variable whose
name says it holds one (`*PASSWORD*`, `*TOKEN*`, `*SECRET*`, the password of every `*DATABASE_URL`)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from psycopg.conninfo import conninfo_to_dict

MASK = "********"
_secrets: set[str] = set()
_PATTERNS = (
    re.compile(r"(postgres(?:ql)?://[^:/@\s]+:)[^@\s]+(@)"),
    re.compile(r"(password\s*=\s*)\S+", re.IGNORECASE),
    re.compile(r"((?:Bearer|Authorization:)\s+)[A-Za-z0-9._~+/=-]{8,}", re.IGNORECASE),
)


def register_secret(value: str | None) -> None:
    """Remember a secret so that `redact` masks it wherever it appears."""
    if value and len(value) >= 4:
        _secrets.add(value)


def redact(text: str) -> str:
    for secret in sorted(_secrets, key=len, reverse=True):
        text = text.replace(secret, MASK)
    for pattern in _PATTERNS:
        text = pattern.sub(lambda m: m.group(1) + MASK + (m.group(2) if m.lastindex == 2 else ""), text)
    return text


SECRET_NAME = re.compile(r"PASSWORD|TOKEN|SECRET|API_KEY", re.IGNORECASE)


def register_environment(environ: Mapping[str, str]) -> None:
    for name, value in environ.items():
        if SECRET_NAME.search(name) and len(value) >= 6:
            register_secret(value)
        elif name.endswith("DATABASE_URL") and "://" in value:
            try:
                password = conninfo_to_dict(value).get("password")
            except Exception:  # a malformed URL is the target's to report; never echo it
                continue
            register_secret(str(password) if password else None)
