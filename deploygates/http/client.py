"""Talking to the app under test: sign-in, authorised GETs, the links a response carries."""

from __future__ import annotations

from typing import Any

import httpx

from deploygates.errors import fail, inconclusive
from deploygates.http import replies
from deploygates.http.accounts import Account
from deploygates.release import SIGNIN
from deploygates.secrets import redact


def call(client: httpx.Client, method: str, path: str, token: str | None = None, **kwargs: Any) -> httpx.Response:
    """One request; an unreachable app fails the gate with where it was looked for, and a reply that is
    not the API's (replies.py) leaves it INCONCLUSIVE."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    try:
        response = client.request(method, path, headers=headers, **kwargs)
    except httpx.HTTPError as error:
        fail(f"{method} {client.base_url}{path}: the app did not answer ({error})")
    wrong = replies.problem(method, response.request.url.path, response.status_code,
                            response.headers.get("content-type", ""), response.content)
    if wrong:
        inconclusive(wrong)
    return response


def sign_in(client: httpx.Client, account: Account, password: str | None = None) -> httpx.Response:
    given = account.password if password is None else password
    return call(client, "POST", SIGNIN, json={"email": account.email, "password": given})


def describe(response: httpx.Response) -> str:
    """Status and (redacted, shortened) body, for failure messages."""
    request = response.request
    return f"{request.method} {request.url.path} → {response.status_code} {redact(response.text[:300])}"


class TokenBook:
    """Bearer tokens per account, signed in once per run."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client
        self._tokens: dict[str, str] = {}

    def __call__(self, account: Account) -> str:
        if account.email not in self._tokens:
            response = sign_in(self.client, account)
            if response.status_code != 200:  # the gate's own fact stays unchecked: INCONCLUSIVE, not its trigger
                inconclusive(f"test account {account.email} cannot sign in: {describe(response)}")
            self._tokens[account.email] = str(response.json()["access_token"])
        return self._tokens[account.email]


def links(document: Any) -> list[str]:
    """Every `href` in a response, and every value of a `links` object, in document order."""
    found: list[str] = []
    if isinstance(document, dict):
        for key, value in document.items():
            if key == "href" and isinstance(value, str):
                found.append(value)
            elif key == "links" and isinstance(value, dict):
                found += [v for v in value.values() if isinstance(v, str)]
            else:
                found += links(value)
    elif isinstance(document, list):
        for item in document:
            found += links(item)
    return list(dict.fromkeys(found))


def practitioner_ids(dashboard: Any) -> list[str]:
    return sorted(str(p["id"]) for p in dashboard.get("practitioners", [])) if isinstance(dashboard, dict) else []
