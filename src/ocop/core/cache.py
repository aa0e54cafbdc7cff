"""Django's RedisCache, forgiving: a Redis out of reach reads as an empty cache instead of failing the request.

Everything the platform keeps in the cache can be computed again (rendered pages, the catalogue's version, the
vocabulary) or is also in the database (sessions: `cached_db`), so a stopped Redis makes pages slower, never
broken. Each error is logged; after one, this process leaves Redis alone for `REDIS_RETRY_SECONDS` (a request
would otherwise wait for the socket timeout at every lookup), then tries again by itself.

`clear()` deletes only this site's keys (its KEY_PREFIX), never the whole Redis database: several sites, or
several test workers, may share one Redis.
"""

import logging
import time
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import ImproperlyConfigured
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("ocop.cache")
OUT_OF_REACH = (RedisConnectionError, RedisTimeoutError, OSError)
REDIS_RETRY_SECONDS = 2.0
CLEAR_BATCH = 500
T = TypeVar("T")


class ForgivingRedisCache(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        if not self.key_prefix:
            raise ImproperlyConfigured("CACHE_KEY_PREFIX must not be empty: clearing the cache deletes its keys.")
        self._down_until = 0.0

    @property
    def reachable(self) -> bool:
        """False while this process waits before trying a Redis that just failed."""
        return time.monotonic() >= self._down_until

    def _guard(self, call: Callable[[], T], missing: T) -> T:
        if not self.reachable:
            return missing
        try:
            return call()
        except OUT_OF_REACH as error:
            self._down_until = time.monotonic() + REDIS_RETRY_SECONDS
            logger.warning("Redis out of reach, serving without the cache for %.0f s: %s", REDIS_RETRY_SECONDS, error)
            return missing

    def add(self, key: Any, value: Any, timeout: float | None = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        return self._guard(lambda: super(ForgivingRedisCache, self).add(key, value, timeout, version), False)

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        return self._guard(lambda: super(ForgivingRedisCache, self).get(key, default, version), default)

    def set(self, key: Any, value: Any, timeout: float | None = DEFAULT_TIMEOUT, version: int | None = None) -> None:
        self._guard(lambda: super(ForgivingRedisCache, self).set(key, value, timeout, version), None)

    def touch(self, key: Any, timeout: float | None = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        return self._guard(lambda: super(ForgivingRedisCache, self).touch(key, timeout, version), False)

    def delete(self, key: Any, version: int | None = None) -> bool:
        return self._guard(lambda: super(ForgivingRedisCache, self).delete(key, version), False)

    def get_many(self, keys: Iterable[Any], version: int | None = None) -> dict[Any, Any]:
        return self._guard(lambda: super(ForgivingRedisCache, self).get_many(keys, version), {})

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return self._guard(lambda: super(ForgivingRedisCache, self).has_key(key, version), False)

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        value = self._guard(lambda: super(ForgivingRedisCache, self).incr(key, delta, version), None)
        if value is None:  # as Django answers for a key that is not there
            raise ValueError(f"Key '{key}' not found.")
        return value

    def set_many(
        self, data: dict[Any, Any], timeout: float | None = DEFAULT_TIMEOUT, version: int | None = None
    ) -> list[Any]:
        return self._guard(lambda: super(ForgivingRedisCache, self).set_many(data, timeout, version), list(data))

    def delete_many(self, keys: Iterable[Any], version: int | None = None) -> None:
        self._guard(lambda: super(ForgivingRedisCache, self).delete_many(keys, version), None)

    def clear(self) -> None:
        """Delete this prefix's keys only (Django's RedisCache empties the whole Redis database)."""

        def delete_own() -> None:
            client = self._cache.get_client(write=True)
            batch: list[bytes] = []
            for key in client.scan_iter(match=f"{self.key_prefix}:*", count=CLEAR_BATCH):
                batch.append(key)
                if len(batch) >= CLEAR_BATCH:
                    client.unlink(*batch)
                    batch = []
            if batch:
                client.unlink(*batch)

        self._guard(delete_own, None)
