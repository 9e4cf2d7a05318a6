"""Secrets by value: a registered password is masked in each spelling it takes on its way to an output."""

from __future__ import annotations

import json
import shlex
import time
from urllib.parse import quote

import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from deploygates.secrets import MASK, redact, register_environment, register_secret, register_url
from tests.reporting.planted import APP_PASSWORD, DB_PASSWORD, leaked, with_credentials

URL = f"postgresql://gate:{quote(DB_PASSWORD, safe='')}@db.example:5432/app"
CONNINFO = make_conninfo(**{key: str(value) for key, value in conninfo_to_dict(URL).items()})
SPELLED = {
    "raw": DB_PASSWORD,
    "url-encoded": quote(DB_PASSWORD, safe=""),
    "url": URL,
    "conninfo": CONNINFO,
    "repr of a conninfo": repr(CONNINFO),
    "json": json.dumps({"dsn": CONNINFO}),
    "sql literal": "'" + DB_PASSWORD.replace("'", "''") + "'",
    "shell": f"PGPASSWORD={shlex.quote(DB_PASSWORD)} psql",
    "unicode escapes": DB_PASSWORD.encode("unicode_escape").decode("ascii"),
    "app url": with_credentials("https://app.example"),
    "repr of an app url": repr(with_credentials("https://app.example")),
}


@pytest.fixture(autouse=True, scope="module")
def registered() -> None:
    register_environment({"PRODUCTION_DATABASE_URL": URL, "PRODUCTION_APP_URL": with_credentials("https://a")})


@pytest.mark.parametrize("form", sorted(SPELLED))
def test_every_spelling_is_masked(form: str) -> None:
    """A password with a space, quotes, a backslash, @, :, % and non-ASCII leaves no trace once redacted."""
    assert leaked(redact(f"before {SPELLED[form]} after"), (DB_PASSWORD, APP_PASSWORD)) == []


def test_the_mask_stands_where_the_secret_was() -> None:
    """The operator still sees where the secret was, and what surrounded it."""
    assert redact(f"dsn {CONNINFO}") == f"dsn user=gate password={MASK} dbname=app host=db.example port=5432"


def test_url_userinfo_of_an_unregistered_url_is_masked_by_its_shape() -> None:
    """A URL nobody registered still loses its password: scheme://user:password@ is masked by pattern."""
    assert redact("see https://someone:Unregist3red@host/x") == f"see https://someone:{MASK}@host/x"


def test_register_url_takes_the_decoded_password() -> None:
    """The password of a URL is registered as the server sees it: URL-decoded."""
    register_url("https://u:Pl%40nted%20Twelve@h")
    assert redact("given Pl@nted Twelve") == f"given {MASK}"


def test_short_values_are_not_registered() -> None:
    """A value too short to be a secret is not masked everywhere (it would mask ordinary words)."""
    register_secret("abc")
    assert redact("abc") == "abc"


def test_a_long_line_without_an_at_is_quick() -> None:
    """The URL pattern is bounded: a megabyte of text without an @ is redacted in seconds, not hours."""
    started = time.perf_counter()
    redact("http://a:" * 100_000)
    assert time.perf_counter() - started < 5


def test_a_secret_shortened_by_a_reporter_is_masked() -> None:
    """pytest shortens a long value in an assertion to head...tail: neither end of a secret survives."""
    register_secret("Shortened-Zq8TwKpLx-QmRv9dXs")
    assert redact("assert 'Shortened-Zq...pLx-QmRv9dXs' == 'x'") == f"assert '{MASK}' == 'x'"
