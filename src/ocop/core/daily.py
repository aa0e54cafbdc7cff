"""The worker's daily run: each app registers what it does once a day (reminders, the catalogue's rebuild,
dropping personal data past its retention), and the run queues the next one, so `ocop worker` keeps the rhythm.

Core knows none of these jobs: apps register them from their AppConfig.ready, as they register things to do.
"""

import datetime
import logging
from collections.abc import Callable
from typing import Any

from django.tasks import task
from django.utils import timezone

from ocop.core.context import changes_by

DAILY_AT = datetime.time(6, 0)
Job = Callable[[datetime.date], Any]
JOBS: list[tuple[int, str, Job]] = []
logger = logging.getLogger(__name__)


def register(order: int) -> Callable[[Job], Job]:
    """Add a daily job; jobs run in `order` (reminders 10, the catalogue 20, retention 30). Registering the same
    function twice keeps one."""

    def decorator(job: Job) -> Job:
        name = f"{job.__module__}.{job.__qualname__}"
        if all(known != name for _o, known, _j in JOBS):
            JOBS.append((order, name, job))
            JOBS.sort(key=lambda entry: (entry[0], entry[1]))
        return job

    return decorator


def run_jobs(day: datetime.date) -> dict[str, Any]:
    """Run every registered job for `day`; one that fails is logged and does not stop the others."""
    results: dict[str, Any] = {}
    for _order, name, job in list(JOBS):
        try:
            with changes_by("system", label=name.rsplit(".", 1)[-1]):
                results[name] = job(day)
        except Exception:  # the other jobs still run; the failure is in the worker's log
            logger.exception("daily job %s failed", name)
            results[name] = "failed"
    return results


@task()
def run_daily() -> dict[str, Any]:
    """Today's jobs, then tomorrow's run queued: whatever happened today."""
    try:
        return run_jobs(timezone.localdate())
    finally:
        schedule_next()


def schedule_next() -> None:
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    run_after = timezone.make_aware(datetime.datetime.combine(tomorrow, DAILY_AT))
    run_daily.using(run_after=run_after).enqueue()
