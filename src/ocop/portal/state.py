"""What the portal derives from the whole catalogue (the search vocabulary, the provinces of the filter, the
version in cached pages' keys), rebuilt only when the catalogue changes.

A process asks the database whether the catalogue changed at most once a second (newest refresh time and row
count, one indexed query each), so a search costs no bookkeeping queries in between; `catalogue.refresh()`
also tells its own process at once. Other processes (gunicorn workers) follow within the second.
"""

import threading
import time
from collections.abc import Callable
from typing import Any

from django.db.models import Max

CHECK_EVERY_SECONDS = 1.0


class CatalogueState:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stamp: tuple[Any, ...] | None = None
        self._checked = 0.0
        self._derived: dict[str, Any] = {}
        self._touched = 0  # bumped when something a page shows besides the catalogue changes here

    def touch(self) -> None:
        self._touched += 1

    def forget(self) -> None:
        with self._lock:
            self._stamp, self._checked, self._derived = None, 0.0, {}

    def stamp(self) -> tuple[Any, ...]:
        now = time.monotonic()
        if self._stamp is None or now - self._checked > CHECK_EVERY_SECONDS:
            from ocop.portal.models import CatalogueEntry

            newest = CatalogueEntry.objects.aggregate(newest=Max("refreshed_at"))["newest"]
            current = (newest, CatalogueEntry.objects.count())
            with self._lock:
                if current != self._stamp:
                    self._derived = {}
                self._stamp, self._checked = current, now
        return self._stamp

    def version(self) -> str:
        newest, count = self.stamp()
        return f"{newest.timestamp() if newest else 0:.6f}-{count}-{self._touched}"

    def derived(self, name: str, build: Callable[[], Any]) -> Any:
        """`build()`'s result, kept until the catalogue changes."""
        self.stamp()
        value = self._derived.get(name)
        if value is None:
            value = build()
            with self._lock:
                self._derived[name] = value
        return value


state = CatalogueState()
