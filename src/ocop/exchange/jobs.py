"""Background jobs' bookkeeping: queueing a job's task with its record, declaring which tasks may run again
after their worker died (exchange/reaper.py), and running an interrupted job again from its page."""

from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.db.models import QuerySet
from django.tasks import Task

from ocop.core import daily
from ocop.exchange.models import ImportRecord, Job, JobState

RERUNNABLE: set[str] = set()  # module paths of the tasks declared below


def safe_to_rerun(task: Task) -> Task:
    """Declare that `task` may run a second time when its worker dies mid-run. Only for a task whose second
    run cannot do twice what the first did: it only reads, writes everything in one transaction (a killed run
    wrote nothing), or records what it has done (reminders are sent once each)."""
    RERUNNABLE.add(task.module_path)
    return task


def enqueue(record: Job, task: Task) -> None:
    """Queue `task(record.pk)` once the record is saved, and keep the task's id on the record: the reaper
    finds the job of a task whose worker died by it, and "run again" queues the same task."""
    model = type(record)

    def queue() -> None:
        result = task.enqueue(record.pk)
        model._default_manager.filter(pk=record.pk).update(task_id=result.id)

    transaction.on_commit(queue)


def task_of(record: Job) -> Task | None:
    """The task that ran `record` in the worker, if its result is still kept."""
    from django_tasks_db.models import DBTaskResult

    result = DBTaskResult.objects.filter(pk=record.task_id).first() if record.task_id else None
    try:
        return result.task if result is not None else None
    except (ImportError, SuspiciousOperation):  # a task renamed or removed since
        return None


def rerunnable(record: Job) -> bool:
    """Whether the page offers to run `record` again: its worker stopped, and it still has what it needs."""
    return record.lost and _kept(record).exists() and task_of(record) is not None


def rerun(record: Job) -> bool:
    """Queue an interrupted job again with the file or filters it kept; False when it cannot (any more)."""
    task = task_of(record)
    if task is None or not record.lost:
        return False
    with transaction.atomic():
        # One click wins: the second finds the job queued already. The old task id goes with the old run, so
        # the reaper never takes the new run for one whose task has ended.
        if not _kept(record).update(state=JobState.QUEUED, done=0, task_id=None):
            return False
        enqueue(record, task)
    return True


def _kept(record: Job) -> QuerySet:
    kept: QuerySet = type(record)._default_manager.filter(
        pk=record.pk, state=JobState.FAILED, interrupted_at__isnull=False
    )
    return kept.filter(data__isnull=False) if isinstance(record, ImportRecord) else kept


# The worker's daily run (core/daily.py) records each reminder once and queues tomorrow's run: a run lost with
# its worker must be run again, or the daily rhythm would end.
safe_to_rerun(daily.run_daily)
