"""Sessions with the shared cache (`REDIS_URL`): Django's `cached_db`, whose logging out is strict.

The forgiving cache (core/cache.py) reads a Redis out of reach as empty and skips writes and deletes. For a
logout that would be a hole: the database row would go, the cached copy would stay, and the old cookie would
still open the site from the cache once Redis answers again. So a logout removes the cached copy first and,
if Redis did not answer, stops with the outage page (503, "try again") before anything is forgotten, so the
person knows they are still signed in. Everything else (reading a session, signing in) stays forgiving.
"""

from django.contrib.sessions.backends import cached_db


class SessionCacheUnavailable(Exception):
    """The shared cache did not answer while a session was being forgotten (answered 503: core/outage.py)."""


class SessionStore(cached_db.SessionStore):
    def flush(self) -> None:
        key, cache = self.session_key, self._cache  # type: ignore[attr-defined]
        if key is not None:
            cache.delete(self.cache_key_prefix + key)
            if not getattr(cache, "reachable", True):
                raise SessionCacheUnavailable("the shared cache did not answer; the session was kept")
        super().flush()
