"""`ocop worker`: django-tasks-db's database worker (`db_worker`, same options) with a heartbeat thread that
keeps this worker's sign of life and settles the jobs of workers that died (exchange/heartbeat.py)."""

import os
from typing import Any

from django.conf import settings
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker

from ocop.exchange.heartbeat import Heart


class Command(DatabaseWorker):
    help = "Run background jobs (imports, exports, reports, reminders), with a heartbeat"

    def handle(self, *args: Any, **options: Any) -> None:
        if options["reload"] and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            return super().handle(*args, **options)  # the reloader's parent only restarts a child, which works
        heart = Heart(options["worker_id"], settings.OCOP_WORKER_LOST_AFTER)
        heart.start()
        try:
            super().handle(*args, **options)
        finally:
            heart.stop()
