"""`ocop worker`: django-tasks-db's database worker (`db_worker`, same options) with a heartbeat thread that
keeps this worker's sign of life and settles the jobs of workers that died (exchange/heartbeat.py).

The database worker's loop ends with an exception when the database goes away (a PostgreSQL restart, a
failover): this command waits and runs it again instead of exiting, so a restart needs no supervisor, and first
settles the job the outage cut short (queued again once, or failed, as for a dead worker: exchange/reaper.py).
"""

import logging
import os
import time
from typing import Any

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.utils import timezone
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker

from ocop.exchange.heartbeat import Heart
from ocop.exchange.reaper import settle_own

logger = logging.getLogger("ocop.worker")
FIRST_WAIT, LONGEST_WAIT = 1.0, 30.0  # seconds between tries while the database is out of reach


class Command(DatabaseWorker):
    help = "Run background jobs (imports, exports, reports, reminders), with a heartbeat"

    def handle(self, *args: Any, **options: Any) -> None:
        if options["reload"] and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            return super().handle(*args, **options)  # the reloader's parent only restarts a child, which works
        heart = Heart(options["worker_id"], settings.OCOP_WORKER_LOST_AFTER)
        heart.start()
        try:
            self.run_through_outages(*args, **options)
        finally:
            heart.stop()

    def run_through_outages(self, *args: Any, **options: Any) -> None:
        wait = FIRST_WAIT
        while True:
            try:
                super().handle(*args, **options)
                return  # a clean end: --batch, --max-tasks (SIGTERM exits from the library's signal handler)
            except (OperationalError, InterfaceError) as error:
                reason = (str(error).strip().splitlines() or [type(error).__name__])[0]
                logger.warning(
                    "Worker %s lost the database (%s); trying again in %.0f s", options["worker_id"], reason, wait
                )
            connections.close_all()  # broken connections: the next query opens a new one
            time.sleep(wait)
            wait = min(wait * 2, LONGEST_WAIT)
            try:
                for line in settle_own(options["worker_id"], timezone.now()):
                    logger.warning("Worker %s after the outage: %s", options["worker_id"], line)
                wait = FIRST_WAIT  # the database answers again
            except (OperationalError, InterfaceError):
                connections.close_all()  # still out of reach: the loop's next try fails fast and waits longer
