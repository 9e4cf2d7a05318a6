"""The extensions the rehearsal's own proofs need on the scratch server (pgTAP, plpgsql_check): present, or
one line that says how to install them."""

from __future__ import annotations

import psycopg

from deploygates import resources

AVAILABLE = (resources.SQL_DIR / "proofs" / "extension_available.sql").read_text()
PACKAGES = {"pgtap": "postgresql-{major}-pgtap", "plpgsql_check": "postgresql-{major}-plpgsql-check"}


def missing(conn: psycopg.Connection, name: str) -> str | None:
    """Why `CREATE EXTENSION name` cannot work on this server (with the package to install), or None."""
    row = conn.execute(AVAILABLE, {"name": name}).fetchone()
    assert row is not None
    available, installed, major = row
    if available or installed:
        return None
    package = PACKAGES[name].format(major=major)
    return (f"the extension {name} is not installed on the scratch PostgreSQL {major} server: "
            f"apt-get install {package} (or your platform's package of {name} for PostgreSQL {major})")
