"""Keeping secrets out of every output: registered values, in every spelling, and credential patterns are masked.

Secrets are registered by the code that reads them and, at start-up, from every environment variable whose
name says it holds one (`*PASSWORD*`, `*TOKEN*`, `*SECRET*`, `*API_KEY*`) and from the user information of
every URL in one (`*_URL`: database and app URLs alike). A value is registered with each spelling it takes
on its way to an output: as given, URL-decoded and URL-encoded, escaped for JSON, SQL, a shell, a libpq
conninfo string, Python's repr and XML. A password with a space, a quote or a backslash is masked whole, in
every form, not up to the first character a pattern stops at."""

from __future__ import annotations

import html
import json
import re
import shlex
from collections.abc import Mapping
from urllib.parse import quote, quote_plus, unquote, urlsplit

from psycopg.conninfo import conninfo_to_dict

MASK = "********"
MINIMUM = 4  # shorter values would mask ordinary words
# Each secret's spellings, and an anchor: its longest run of ASCII letters and digits, which no escape
# changes. A text without the anchor holds no spelling of that secret, so most texts cost one search each.
_secrets: dict[str, tuple[str | None, tuple[str, ...]]] = {}
_pieces: dict[str, frozenset[str]] = {}  # the forms of each secret that are only pieces of it
ANCHOR = re.compile(r"[A-Za-z0-9]{3,}")
PIECE = re.compile(r"[^\W_]{8,}")
_PATTERNS = (
    re.compile(r"(\b[a-z][a-z0-9+.-]{0,30}://[^:/@\s]{0,256}:)[^@\s]{1,256}(@)", re.IGNORECASE),
    # scheme://user:password@ (bounded: a long line without an @ must not take quadratic time)
    re.compile(r"(password\s{0,8}=\s{0,8})(?:'(?:[^'\\]|\\.){0,256}'|\S+)", re.IGNORECASE),  # conninfo
    re.compile(r"((?:Bearer|Basic|Authorization:)\s{1,8})[A-Za-z0-9._~+/=-]{8,}", re.IGNORECASE),
)


ESCAPES = (  # the ways a value is re-spelled on its way to an output
    lambda t: quote(t, safe=""), quote, quote_plus, unquote,
    lambda t: t.replace("'", "''"),  # SQL literal
    shlex.quote,
    lambda t: t.replace("\\", "\\\\").replace("'", "\\'"),  # libpq conninfo value
    lambda t: repr(t)[1:-1], lambda t: json.dumps(t)[1:-1], lambda t: json.dumps(t, ensure_ascii=False)[1:-1],
    html.escape, lambda t: html.escape(t, quote=False), lambda t: t.encode("unicode_escape").decode("ascii"),
)


def spellings(value: str) -> set[str]:
    """Every form `value` (or its URL-decoded self) can take in an output: itself and one or two escapes of
    it (a conninfo string inside a repr, a URL inside JSON, ...)."""
    once = {escape(text) for text in {value, unquote(value)} for escape in ESCAPES} | {value, unquote(value)}
    twice = {escape(form) for form in once for escape in ESCAPES}
    return {form for form in once | twice if len(form) >= MINIMUM}


def pieces(value: str) -> set[str]:
    """The secret's password-like runs: 8 or more letters and digits with both in them. A reporter that
    wraps a long string (pprint, --showlocals) splits a secret where no spelling matches; its pieces still
    do, and a run like that is no ordinary word."""
    return {run for run in PIECE.findall(value) if any(c.isdigit() for c in run) and any(c.isalpha() for c in run)}


def register_secret(value: str | None) -> None:
    """Remember a secret so that `redact` masks it, in each of its spellings, wherever it appears."""
    if value and len(value) >= MINIMUM and value not in _secrets:
        runs = ANCHOR.findall(value)
        forms = spellings(value) | pieces(value)
        _pieces[value] = frozenset(pieces(value) - spellings(value))
        _secrets[value] = (max(runs, key=len) if runs else None, tuple(sorted(forms, key=len, reverse=True)))


def register_url(url: str | None) -> None:
    """Register the password in a URL's user information (database and app URLs), or a conninfo's."""
    if not url:
        return
    try:
        if "://" not in url:
            register_secret(conninfo_to_dict(url).get("password"))  # type: ignore[arg-type]
            return
        parts = urlsplit(url)
    except Exception:  # a malformed URL is its owner's to report; never echo it
        return
    if parts.password:
        register_secret(unquote(parts.password))
        register_secret(f"{unquote(parts.username or '')}:{unquote(parts.password)}")


ELLIPSES = ("...", "…")  # where a reporter shortened a value: pytest's assertion reprs, our own heads
SHORTENED = 6  # characters of a secret on either side of an ellipsis that betray it


Ends = tuple[frozenset[str], frozenset[str], frozenset[str]]


def _ends(forms: tuple[str, ...]) -> Ends:
    """Every proper head and tail of the forms (what is left of a secret cut short by an ellipsis), and
    the characters they are made of (a cheap first look before the long one)."""
    return (frozenset(f[:k] for f in forms for k in range(1, len(f))),
            frozenset(f[-k:] for f in forms for k in range(1, len(f))), frozenset("".join(forms)))


def _shortened(text: str, heads: frozenset[str], tails: frozenset[str], secret_chars: frozenset[str]) -> str:
    """Mask `head...tail` where head begins and tail ends a spelling of the secret."""
    longest = max(map(len, heads), default=0)
    for ellipsis in ELLIPSES:
        at = text.find(ellipsis)
        while at >= 0:
            end = at + len(ellipsis)
            before, after = text[max(0, at - longest):at], text[end:end + longest]
            head = next((k for k in range(len(before), 0, -1) if before[-k:] in heads), 0) \
                if before[-1:] in secret_chars else 0
            tail = next((k for k in range(len(after), 0, -1) if after[:k] in tails), 0) \
                if after[:1] in secret_chars else 0
            if head + tail >= SHORTENED:
                text = text[:at - head] + MASK + text[end + tail:]
            at = text.find(ellipsis, at + 1)
    return text


_cut: dict[str, Ends] = {}


def _ends_of(secret: str) -> Ends:
    if secret not in _cut:
        _cut[secret] = _ends(_secrets[secret][1])
    return _cut[secret]


def redact(text: str) -> str:
    # Which secrets the text holds is decided before anything is masked: masking one secret (a URL's
    # `user:password`) can remove the anchor of another (the password alone) while leaving part of it.
    ordered = sorted(_secrets, key=len, reverse=True)
    present = [secret for secret in ordered if (anchor := _secrets[secret][0]) is None or anchor in text]
    for secret in present:  # every whole spelling first
        for form in _secrets[secret][1]:
            if form not in _pieces[secret]:
                text = text.replace(form, MASK)
    for secret in ordered:  # then what a reporter cut short, while its ends are still whole
        if any(ellipsis in text for ellipsis in ELLIPSES):
            text = _shortened(text, *_ends_of(secret))
    for secret in present:  # then the password-like pieces of what a reporter wrapped
        for piece in _pieces[secret]:
            text = text.replace(piece, MASK)
    for pattern in _PATTERNS:
        text = pattern.sub(lambda m: m.group(1) + MASK + (m.group(2) if m.lastindex == 2 else ""), text)
    return text


SECRET_NAME = re.compile(r"PASSWORD|TOKEN|SECRET|API_KEY", re.IGNORECASE)


def register_environment(environ: Mapping[str, str]) -> None:
    for name, value in environ.items():
        if SECRET_NAME.search(name) and len(value) >= 6:
            register_secret(value)
        elif name.endswith("_URL") or name.endswith("DATABASE_URL"):
            register_url(value)
