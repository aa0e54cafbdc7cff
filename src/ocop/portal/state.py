"""What the portal derives from the whole catalogue (the search vocabulary, the provinces of the filter, the
version in cached pages' keys), rebuilt only when the catalogue changes — the same in every process.

The catalogue's stamp is read from the database (newest refresh time and row count, one indexed query each) at
most once a second per process, so a search costs no bookkeeping queries in between; `catalogue.refresh()` also
tells its own process at once. Other processes (gunicorn workers, other nodes) follow within the second.

What a page shows besides the catalogue (market records, stories) bumps a counter kept in Django's cache
(`touch`), read with the stamp: with Redis (REDIS_URL) every process and node sees the bump within the second;
with local memory (one process, `make run`) the process that changed it sees it at once.

Derived values are kept in the process, and with Redis also in the shared cache under the stamp, so the other
processes take the first one's result instead of building their own (the vocabulary reads the whole catalogue).
"""

import threading
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Max

CHECK_EVERY_SECONDS = 1.0
TOUCHED_KEY = "portal-touched"
DERIVED_SECONDS = 24 * 3600  # keyed by the stamp: an old stamp's value is only ever dropped, never read again


class CatalogueState:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stamp: tuple[Any, ...] | None = None
        self._checked = 0.0
        self._derived: dict[str, Any] = {}
        self._touched = 0  # the shared count of changes to what pages show besides the catalogue, as last read

    def touch(self) -> None:
        """Something a public page shows besides the catalogue changed: every process's cached pages go stale.

        Bumped now (this process's next page shows it) and again once the change is committed: a page another
        process rendered in between, from the data before the commit, is kept under the first bump only."""
        self._bump()
        if transaction.get_connection().in_atomic_block:
            transaction.on_commit(self._bump)

    def _bump(self) -> None:
        try:
            self._touched = cache.incr(TOUCHED_KEY)
        except ValueError:  # no count yet: start one (or another process just did; or the cache is out of reach)
            started = cache.add(TOUCHED_KEY, 1, timeout=None)
            self._touched = 1 if started else cache.get(TOUCHED_KEY) or self._touched + 1
        with self._lock:
            self._checked = 0.0  # read the stamp again on the next call

    def forget(self) -> None:
        with self._lock:
            self._stamp, self._checked, self._derived = None, 0.0, {}

    def stamp(self) -> tuple[Any, ...]:
        now = time.monotonic()
        if self._stamp is None or now - self._checked > CHECK_EVERY_SECONDS:
            from ocop.portal.models import CatalogueEntry

            newest = CatalogueEntry.objects.aggregate(newest=Max("refreshed_at"))["newest"]
            current = (newest, CatalogueEntry.objects.count())
            touched = cache.get(TOUCHED_KEY)
            with self._lock:
                # No count (none yet, Redis emptied by a restart): every process reads 0 alike.
                self._touched = touched or 0
                if current != self._stamp:
                    self._derived = {}
                self._stamp, self._checked = current, now
        assert self._stamp is not None
        return self._stamp

    def catalogue_version(self) -> str:
        newest, count = self.stamp()
        return f"{newest.timestamp() if newest else 0:.6f}-{count}"

    def version(self) -> str:
        version = self.catalogue_version()
        return f"{version}-{self._touched}"

    def derived(self, name: str, build: Callable[[], Any]) -> Any:
        """`build()`'s result, kept until the catalogue changes."""
        self.stamp()
        value = self._derived.get(name)
        if value is None:
            shared_key = f"portal-derived:{name}:{self.catalogue_version()}" if settings.SHARED_CACHE else ""
            value = cache.get(shared_key) if shared_key else None
            if value is None:
                value = build()
                if shared_key:
                    cache.set(shared_key, value, DERIVED_SECONDS)
            with self._lock:
                self._derived[name] = value
        return value


state = CatalogueState()
