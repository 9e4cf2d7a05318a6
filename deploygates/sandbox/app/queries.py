"""The app's SQL, one named query per file in sql/app/."""

from __future__ import annotations

from functools import cache

from deploygates import resources

QUERY_DIR = resources.SQL_DIR / "app"


@cache
def query(name: str) -> str:
    return (QUERY_DIR / f"{name}.sql").read_text()
