"""What /readyz and /metrics ask of the background work (core/health.py): whether some `ocop worker` is alive,
and how many jobs wait and since when."""

import datetime

from django.conf import settings
from django.db.models import Min
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ocop.core import health
from ocop.exchange.models import Worker


def live_workers(now: datetime.datetime | None = None) -> int:
    """Workers whose heartbeat is more recent than OCOP_WORKER_LOST_AFTER (the reaper's own limit)."""
    cutoff = (now or timezone.now()) - datetime.timedelta(seconds=settings.OCOP_WORKER_LOST_AFTER)
    return Worker.objects.filter(beat_at__gte=cutoff).count()


def queue(now: datetime.datetime | None = None) -> tuple[int, float]:
    """Jobs ready to run and not yet claimed, and the age in seconds of the oldest (0 when none waits)."""
    waiting = DBTaskResult.objects.ready()
    found = waiting.aggregate(oldest=Min("enqueued_at"))["oldest"]
    if found is None:
        return 0, 0.0
    return waiting.count(), max(0.0, ((now or timezone.now()) - found).total_seconds())


def workers_check() -> health.Outcome:
    alive = live_workers()
    if alive:
        return health.Outcome(True, f"{alive} alive")
    return health.Outcome(False, f"no worker beat in the last {settings.OCOP_WORKER_LOST_AFTER} s")


def queue_check() -> health.Outcome:
    depth, age = queue()
    detail = f"{depth} waiting, oldest {age:.0f} s"
    return health.Outcome(age <= settings.OCOP_READY_QUEUE_MAX_AGE, detail)


health.register("workers", workers_check)
health.register("queue", queue_check)
