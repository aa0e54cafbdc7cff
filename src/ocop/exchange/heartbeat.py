"""The heartbeat of an `ocop worker`: a thread of its own writes the worker's sign of life (`Worker.beat_at`)
every OCOP_WORKER_LOST_AFTER / 6 seconds, whatever the job is doing — a long row, a long write — and then looks
for the jobs of workers that stopped beating (reaper.py).

One beat per worker rather than per job: every task the worker claims (imports, exports, reports, the daily
reminders) is judged by the same sign of life, and django-tasks-db already records on each task which worker
claimed it.

On SQLite a long import holds the database's single write lock, so no worker can write its beat meanwhile. A
worker whose own beat failed therefore judges nobody until its beats have gone through for two intervals:
enough for every live worker, blocked like it, to have beaten again. (PostgreSQL locks rows, not the database:
beats are never held up there.)
"""

import datetime
import logging
import os
import socket
import threading

from django.db import close_old_connections, connection
from django.utils import timezone

from ocop.exchange.models import Worker
from ocop.exchange.reaper import reap

logger = logging.getLogger("ocop.worker")
BEATS_PER_TIMEOUT = 6
CLEAN_BEATS_BEFORE_JUDGING = 2


class Heart(threading.Thread):
    def __init__(self, worker_id: str, lost_after: float) -> None:
        super().__init__(name=f"heartbeat {worker_id}", daemon=True)
        self.worker_id, self.lost_after = worker_id, lost_after
        self.interval = lost_after / BEATS_PER_TIMEOUT
        self.clean_since: datetime.datetime | None = None  # every beat since then was written
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            close_old_connections()  # as after a request: CONN_MAX_AGE, and a connection an error broke
            self.tick(timezone.now())
            self.stopping.wait(self.interval)
        connection.close()  # this thread's own connection

    def tick(self, now: datetime.datetime) -> None:
        # Nothing may end this thread: a worker whose heart stopped would look dead while it works.
        try:
            self.beat(now)
        except Exception as error:  # the database is locked by a long write (SQLite) or out of reach: try again
            logger.warning("Worker %s could not write its heartbeat: %s", self.worker_id, error)
            self.clean_since = None
            return
        self.clean_since = self.clean_since or now
        if now - self.clean_since < datetime.timedelta(seconds=CLEAN_BEATS_BEFORE_JUDGING * self.interval):
            return
        try:
            reap(now, self.lost_after)
        except Exception:
            logger.exception("Worker %s could not look for stranded jobs", self.worker_id)

    def beat(self, now: datetime.datetime) -> None:
        Worker.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={"beat_at": now},
            create_defaults={"beat_at": now, "started_at": now, "host": socket.gethostname()[:255], "pid": os.getpid()},
        )

    def stop(self) -> None:
        """On a clean exit: no more beats, and no row left to look stale."""
        self.stopping.set()
        if self.is_alive():
            self.join(timeout=self.interval + 10)
        Worker.objects.filter(worker_id=self.worker_id).delete()
