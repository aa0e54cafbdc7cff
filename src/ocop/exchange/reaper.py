"""Finding the jobs of workers that died. Every `ocop worker` calls `reap` every few seconds (heartbeat.py).

A task django-tasks-db still shows as running, whose worker has not beaten for OCOP_WORKER_LOST_AFTER seconds,
is stranded: its worker was killed or its machine restarted. A task declared safe to re-run
(jobs.safe_to_rerun) goes back to the queue once; a second loss, or a task not declared safe, fails it. The
task's job record (import, export, review report) follows in the same transaction: queued again, or failed
with `interrupted_at`, so its page says what happened and offers to run it again with what it kept.
"""

import datetime
import logging

from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from ocop.exchange.jobs import RERUNNABLE
from ocop.exchange.models import ExportRecord, ImportRecord, JobState, Worker

logger = logging.getLogger("ocop.worker")
MAX_RUNS = 2  # the first run and one more
UNFINISHED = (JobState.QUEUED, JobState.RUNNING)
FORGET_WORKERS_AFTER = datetime.timedelta(days=1)


class WorkerLost(Exception):
    """Recorded as the failure of a task whose worker stopped (django-tasks-db keeps the class's path)."""


def reap(now: datetime.datetime, lost_after: float) -> list[str]:
    """Settle the tasks of workers silent since `now - lost_after`; one line per thing done."""
    cutoff = now - datetime.timedelta(seconds=lost_after)
    beats = dict(Worker.objects.values_list("worker_id", "beat_at"))
    done = []
    for result in DBTaskResult.objects.running().filter(started_at__lt=cutoff):
        worker = result.worker_ids[-1] if result.worker_ids else ""
        last = beats.get(worker)
        if last is None or last < cutoff:  # no row: a worker from before heartbeats, or forgotten long ago
            done += _settle(result, worker, last, now)
    done += _fail_orphans(now)
    Worker.objects.filter(beat_at__lt=now - FORGET_WORKERS_AFTER).delete()
    return done


def settle_own(worker_id: str, now: datetime.datetime) -> list[str]:
    """Settle the tasks still shown as running under this worker's id, which it is not running: its loop was
    cut by a database outage, so they are its own stranded jobs (its heartbeat would hide them from `reap`)."""
    done = []
    for result in DBTaskResult.objects.running():
        if result.worker_ids and result.worker_ids[-1] == worker_id:
            done += _settle(result, worker_id, None, now)
    return done


def _settle(result: DBTaskResult, worker: str, last: datetime.datetime | None, now: datetime.datetime) -> list[str]:
    again = _rerunnable(result) and len(result.worker_ids) < MAX_RUNS
    with transaction.atomic():
        still = DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.RUNNING)
        if again:
            changed = still.update(status=TaskResultStatus.READY, started_at=None)
        else:
            since = f"since {last:%Y-%m-%d %H:%M:%S%z}" if last else "ever"
            changed = still.update(
                status=TaskResultStatus.FAILED, finished_at=now, return_value=None,
                exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
                traceback=f"Worker {worker} stopped (no heartbeat {since}): killed, or its machine restarted.",
            )  # fmt: skip
        if not changed:
            return []  # another worker settled it first
        for model in (ImportRecord, ExportRecord):
            jobs = model.objects.filter(task_id=result.pk, state__in=UNFINISHED)
            jobs.update(state=JobState.QUEUED if again else JobState.FAILED, done=0, interrupted_at=now)
    line = f"task {result.pk} ({result.task_path}) of worker {worker or '?'}: " + (
        "queued again" if again else "failed"
    )
    logger.warning("Worker stopped, %s", line)
    return [line]


def _rerunnable(result: DBTaskResult) -> bool:
    try:
        task = result.task  # imports the task's module, where it declares itself safe to re-run
    except (ImportError, SuspiciousOperation):
        return False
    return task.module_path in RERUNNABLE


def _fail_orphans(now: datetime.datetime) -> list[str]:
    """Jobs left unfinished by a task that ended without finishing them (a worker stopped by a second Ctrl+C
    fails its task, not its job) or whose task is gone."""
    lines = []
    for model in (ImportRecord, ExportRecord):
        # A few unfinished jobs (a partial index), then their tasks by key: no scan of either table.
        waiting = dict(model.objects.filter(state__in=UNFINISHED, task_id__isnull=False).values_list("pk", "task_id"))
        pending = DBTaskResult.objects.filter(
            pk__in=set(waiting.values()), status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
        )
        alive = set(pending.values_list("pk", flat=True)) if waiting else set()
        for pk, task_id in waiting.items():
            # Still the same run (not queued again from its page meanwhile), still unfinished.
            still = model.objects.filter(pk=pk, task_id=task_id, state__in=UNFINISHED)
            if task_id not in alive and still.update(state=JobState.FAILED, interrupted_at=now):
                lines.append(f"{model.__name__} {pk}: its task {task_id} ended without finishing it, failed")
                logger.warning("Job stranded: %s", lines[-1])
    return lines
