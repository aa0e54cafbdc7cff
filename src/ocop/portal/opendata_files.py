"""Open-data files kept ready in storage, so a download costs a file read, not a render of the whole catalogue.

A national catalogue's file takes tens of seconds to build (the load test's open-data CSV took 31.6 s under load,
past the web node's timeout). So each file, once built, is kept in the default storage (shared by every node:
docs/deploy.md, "Media") and a pointer to it in the cache (shared through Redis), under the catalogue's version
and the day. A download:

- finds the file built for today's catalogue: serves it;
- finds an older file younger than `OCOP_OPEN_DATA_STALE_SECONDS`: serves it (named for the day it was built
  for), and queues one rebuild of every file for the worker — a catalogue edited all day long is then never
  rendered in a request;
- finds nothing usable (the first download, a cache emptied, a file too old): builds the file in the request,
  as before this module.

The daily run rebuilds the files that have been asked for once the catalogue has been rebuilt for the new day,
and removes files older than two days.
"""

import datetime
import time
import uuid
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.tasks import task
from django.utils import timezone

from ocop.core import daily
from ocop.exchange.jobs import safe_to_rerun
from ocop.portal import opendata
from ocop.portal.state import state

FOLDER = "open-data"
POINTER_KEY = "open-data:{name}:{fmt}"
REFRESH_KEY = "open-data:refresh-queued"
KEEP_DAYS = 2


@dataclass(frozen=True)
class Built:
    """Where a built file is and what it was built from."""

    path: str
    day: str  # ISO date the rows were computed for
    version: str  # the catalogue's version then
    site: str  # the address its URLs start with
    made: float  # time.time() when it was written

    @property
    def for_day(self) -> datetime.date:
        return datetime.date.fromisoformat(self.day)


def _pointer(name: str, fmt: str) -> Built | None:
    found = cache.get(POINTER_KEY.format(name=name, fmt=fmt))
    try:
        return Built(**found) if found else None
    except TypeError:  # a pointer of another shape (an older release): build again
        return None


def _version() -> str:
    """What the rows are computed from besides the day: the catalogue and what pages show besides it (the
    producers' revenue among them: `portal.signals` touches the state for it), and whether lapsed products are
    listed."""
    return f"{state.version()}|{settings.OCOP_PORTAL_LAPSED}"


def build(name: str, fmt: str, day: datetime.date, site: str) -> bytes:
    """Render the file, store it, point at it; the file before it stays until the daily clean-up (a node may be
    reading it right now)."""
    version = _version()
    data = opendata.render(name, fmt, day, site)
    path = default_storage.save(f"{FOLDER}/{name}-{day:%Y%m%d}-{uuid.uuid4().hex[:12]}.{fmt}", ContentFile(data))
    built = Built(path, day.isoformat(), version, site, time.time())
    cache.set(POINTER_KEY.format(name=name, fmt=fmt), asdict(built), timeout=None)
    return data


def ready_file(name: str, fmt: str, site: str) -> tuple[bytes, datetime.date]:
    """The file's bytes and the day they were computed for: kept if current or fresh enough, else built now."""
    today = timezone.localdate()
    built = _pointer(name, fmt)
    if built is not None and built.site == site and default_storage.exists(built.path):
        current = built.day == today.isoformat() and built.version == _version()
        if current or time.time() - built.made < settings.OCOP_OPEN_DATA_STALE_SECONDS:
            if not current:
                refresh_soon(site)
            with default_storage.open(built.path, "rb") as stored:
                return stored.read(), built.for_day
    return build(name, fmt, today, site), today


def refresh_soon(site: str) -> None:
    """Queue one rebuild of every file for the worker; further stale downloads meanwhile queue nothing."""
    if cache.add(REFRESH_KEY, 1, timeout=settings.OCOP_OPEN_DATA_STALE_SECONDS or 60):
        refresh_open_data.enqueue(site)


@safe_to_rerun  # a second run builds only what is not current: nothing doubled
@task()
def refresh_open_data(site: str) -> int:
    """Build the files not current for today's catalogue (a refresh queued again while the worker was down, or by
    another node, finds them built by the first): how many were built."""
    today = timezone.localdate()
    built = 0
    try:
        for name in opendata.DATASETS:
            for fmt in opendata.FORMATS:
                pointer = _pointer(name, fmt)
                if (
                    pointer is not None
                    and (pointer.site, pointer.day, pointer.version) == (site, today.isoformat(), _version())
                    and default_storage.exists(pointer.path)
                ):
                    continue
                build(name, fmt, today, site)
                built += 1
    finally:
        cache.delete(REFRESH_KEY)
    return built


@daily.register(25)  # after the catalogue's rebuild (20): the new day's validity
def rebuild_open_data(day: datetime.date) -> int:
    """The files someone has downloaded, built again for the new day; files older than two days removed."""
    built = 0
    for name in opendata.DATASETS:
        for fmt in opendata.FORMATS:
            pointer = _pointer(name, fmt)
            if pointer is not None:
                build(name, fmt, day, pointer.site)
                built += 1
    _remove_old(day)
    return built


def _remove_old(day: datetime.date) -> None:
    if not default_storage.exists(FOLDER):
        return
    cutoff = timezone.make_aware(datetime.datetime.combine(day - datetime.timedelta(days=KEEP_DAYS), datetime.time()))
    for file_name in default_storage.listdir(FOLDER)[1]:
        path = f"{FOLDER}/{file_name}"
        if default_storage.get_modified_time(path) < cutoff:
            default_storage.delete(path)
