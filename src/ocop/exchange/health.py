"""What /readyz and /metrics ask of the background work (core/health.py, core/metrics.py): whether some
`ocop worker` is alive, how many jobs wait and since when, and how many imports and exports ended how."""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db.models import Count, Min
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.metrics_core import Metric

from ocop.core import health, metrics
from ocop.exchange.models import ExportRecord, ImportRecord, Worker


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


def scrape() -> Iterable[Metric]:
    depth, age = queue()
    yield GaugeMetricFamily("ocop_jobs_waiting", "Background jobs ready to run, not yet claimed by a worker.", depth)
    yield GaugeMetricFamily("ocop_jobs_oldest_waiting_seconds", "Age of the oldest job waiting for a worker.", age)
    yield GaugeMetricFamily("ocop_workers_alive", "Workers whose heartbeat is recent.", live_workers())
    for model, name in ((ImportRecord, "imports"), (ExportRecord, "exports")):
        family = CounterMetricFamily(f"ocop_{name}", f"{name.capitalize()} ever made, by state.", labels=["state"])
        for row in model.objects.values("state").annotate(n=Count("pk")).order_by("state"):
            family.add_metric([row["state"]], row["n"])
        yield family


metrics.register(scrape)
