"""The app's connection pool, and queries run as a signed-in user under Row Level Security."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

from psycopg import AsyncConnection
from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool

from deploygates.sandbox.app.queries import query

Params = Mapping[str, Any]


class Database:
    def __init__(self, dsn: str, max_size: int = 8) -> None:
        self.pool = AsyncConnectionPool(
            dsn, min_size=1, max_size=max_size, open=False, kwargs={"application_name": "virtue-app-sandbox"}
        )

    async def open(self) -> None:
        await self.pool.open(wait=True, timeout=15)

    async def close(self) -> None:
        await self.pool.close()

    async def service_row(self, name: str, params: Params) -> dict[str, Any] | None:
        """One row read by the service backend itself (no user, no RLS): sign-in and health only."""
        async with self.pool.connection() as conn, conn.cursor(row_factory=dict_row) as cursor:
            await cursor.execute(query(name), params)
            return await cursor.fetchone()

    @asynccontextmanager
    async def as_user(self, claims: str) -> AsyncIterator[AsyncConnection]:
        """A transaction in which every statement runs as role `authenticated` with the user's claims."""
        async with self.pool.connection() as conn, conn.transaction():
            await conn.execute(query("as_user"), {"claims": claims})
            yield conn

    async def user_row(self, claims: str, name: str, params: Params | None = None) -> tuple[Any, ...] | None:
        async with self.as_user(claims) as conn:
            cursor = await conn.execute(query(name), params or {})
            return await cursor.fetchone()

    async def user_value(self, claims: str, name: str, params: Params | None = None) -> Any:
        row = await self.user_row(claims, name, params)
        return row[0] if row else None
