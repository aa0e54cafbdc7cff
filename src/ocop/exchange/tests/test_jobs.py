"""Jobs whose worker died (killed, machine restarted): found by the other workers' reaper, run again once when
that is safe, then failed with their file kept; the page says what happened and offers to run them again.
The clock is frozen (time-machine); test_worker_dies.py kills real worker processes."""

import datetime

import pytest
import time_machine
from django.db import OperationalError
from django.tasks import task
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from ocop.core.daily import run_daily
from ocop.exchange import heartbeat, jobs
from ocop.exchange.heartbeat import Heart
from ocop.exchange.models import ExportRecord, ImportRecord, JobState, Worker
from ocop.exchange.reaper import reap
from ocop.exchange.tasks import run_export_job, run_import_job
from ocop.exchange.tests.test_import import csv_bytes, producer_row
from ocop.registry.models import Producer

pytestmark = pytest.mark.django_db
T0 = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
LOST_AFTER = 60
FILE = csv_bytes([producer_row()])


@task()
def unsafe_job(record_id: int) -> None:
    """A task that never declared itself safe to re-run: a lost run fails."""


@pytest.fixture
def clock():
    with time_machine.travel(T0, tick=False) as traveller:
        yield traveller


def queued(record, a_task, capture) -> DBTaskResult:
    record.state = JobState.QUEUED
    record.save()
    with capture(execute=True):
        jobs.enqueue(record, a_task)
    record.refresh_from_db()
    return DBTaskResult.objects.get(pk=record.task_id)


def claimed(result: DBTaskResult, worker: str, record=None) -> None:
    """What `ocop worker` does: claim the task (django-tasks-db), beat, start the job."""
    result.refresh_from_db()
    result.claim(worker)
    beat(worker)
    if record is not None:
        type(record).objects.filter(pk=record.pk).update(state=JobState.RUNNING)


def beat(worker: str) -> None:
    Heart(worker, LOST_AFTER).beat(datetime.datetime.now(tz=datetime.UTC))


def now() -> datetime.datetime:
    return datetime.datetime.now(tz=datetime.UTC)


@pytest.fixture
def an_import(province_officer):
    return ImportRecord(kind="producers", file_name="chu-the.csv", user=province_officer, data=FILE)


def test_a_job_whose_worker_stopped_is_run_again_once_then_failed_with_its_file_kept(
    clock, an_import, django_capture_on_commit_callbacks
):
    result = queued(an_import, run_import_job, django_capture_on_commit_callbacks)
    claimed(result, "worker-a", an_import)
    clock.shift(LOST_AFTER - 1)
    assert reap(now(), LOST_AFTER) == []  # silent 59 s: not yet taken for dead
    clock.shift(2)
    [line] = reap(now(), LOST_AFTER)
    assert "worker-a" in line and "queued again" in line
    result.refresh_from_db()
    an_import.refresh_from_db()
    assert result.status == TaskResultStatus.READY and result.worker_ids == ["worker-a"]
    assert (an_import.state, an_import.interrupted_at, an_import.data) == (JobState.QUEUED, now(), FILE)

    clock.shift(1)
    claimed(result, "worker-b", an_import)  # another worker takes it, and dies too
    clock.shift(LOST_AFTER + 1)
    [line] = reap(now(), LOST_AFTER)
    assert "worker-b" in line and "failed" in line
    result.refresh_from_db()
    an_import.refresh_from_db()
    assert result.status == TaskResultStatus.FAILED and result.exception_class_path.endswith("reaper.WorkerLost")
    assert "worker-b" in result.traceback and result.finished_at == now()
    assert an_import.lost and an_import.data == FILE and not Producer.objects.exists()
    assert reap(now(), LOST_AFTER) == []  # settled once


def test_a_worker_that_keeps_beating_keeps_its_long_job(clock, an_import, django_capture_on_commit_callbacks):
    result = queued(an_import, run_import_job, django_capture_on_commit_callbacks)
    claimed(result, "worker-a", an_import)
    for _ in range(30):  # five minutes on one row: the heartbeat thread beats regardless
        clock.shift(10)
        beat("worker-a")
        assert reap(now(), LOST_AFTER) == []
    assert ImportRecord.objects.get().state == JobState.RUNNING


def test_a_task_not_declared_safe_to_rerun_fails_at_its_first_loss(
    clock, an_import, django_capture_on_commit_callbacks
):
    result = queued(an_import, unsafe_job, django_capture_on_commit_callbacks)
    claimed(result, "worker-a", an_import)
    clock.shift(LOST_AFTER + 1)
    reap(now(), LOST_AFTER)
    result.refresh_from_db()
    assert result.status == TaskResultStatus.FAILED and ImportRecord.objects.get().lost


def test_the_daily_run_is_run_again_when_its_worker_dies(clock):
    result = DBTaskResult.objects.get(pk=run_daily.enqueue().id)
    claimed(result, "worker-a")
    clock.shift(LOST_AFTER + 1)
    reap(now(), LOST_AFTER)
    result.refresh_from_db()
    assert result.status == TaskResultStatus.READY  # else tomorrow's run would never be queued


def test_a_task_of_a_worker_without_a_heartbeat_row_is_judged_by_its_start(
    clock, an_import, django_capture_on_commit_callbacks
):
    """A worker started before heartbeats existed (or forgotten after a day) has no row."""
    result = queued(an_import, run_export_job, django_capture_on_commit_callbacks)
    result.claim("old-worker")
    assert reap(now(), LOST_AFTER) == []
    clock.shift(LOST_AFTER + 1)
    assert len(reap(now(), LOST_AFTER)) == 1


def test_a_job_whose_task_ended_without_finishing_it_is_failed(clock, an_import, django_capture_on_commit_callbacks):
    """A worker stopped by a second Ctrl+C fails its task (SystemExit) but not its job."""
    result = queued(an_import, run_import_job, django_capture_on_commit_callbacks)
    claimed(result, "worker-a", an_import)
    result.set_failed(SystemExit(1))
    reap(now(), LOST_AFTER)
    assert ImportRecord.objects.get().lost


def test_a_job_whose_task_is_gone_is_failed(clock, an_import, django_capture_on_commit_callbacks):
    queued(an_import, run_import_job, django_capture_on_commit_callbacks).delete()  # pruned, or lost
    [line] = reap(now(), LOST_AFTER)
    assert "ImportRecord" in line and ImportRecord.objects.get().lost


def test_a_job_just_queued_or_done_is_left_alone(
    clock, an_import, province_officer, django_capture_on_commit_callbacks
):
    queued(an_import, run_import_job, django_capture_on_commit_callbacks)
    done = ExportRecord.objects.create(user=province_officer, kind="producers", format="csv", state=JobState.DONE)
    clock.shift(3600)
    assert reap(now(), LOST_AFTER) == []
    assert ImportRecord.objects.get().state == JobState.QUEUED
    assert ExportRecord.objects.get(pk=done.pk).state == JobState.DONE


def test_workers_silent_for_a_day_are_forgotten(clock):
    beat("worker-a")
    clock.shift(datetime.timedelta(days=1, seconds=1))
    beat("worker-b")
    reap(now(), LOST_AFTER)
    assert list(Worker.objects.values_list("worker_id", flat=True)) == ["worker-b"]


# The heartbeat thread's rule: a worker judges others only when its own beats go through.


def test_a_worker_looks_for_stranded_jobs_only_after_its_own_beats_went_through(clock, monkeypatch):
    calls = []
    monkeypatch.setattr(heartbeat, "reap", lambda when, lost_after: calls.append(when) or [])
    heart = Heart("me", LOST_AFTER)  # a beat every 10 s; judging after two clean intervals
    for _ in range(3):
        heart.tick(now())
        clock.shift(10)
    assert calls == [T0 + datetime.timedelta(seconds=20)]
    assert Worker.objects.get().beat_at == T0 + datetime.timedelta(seconds=20)

    def locked(when: datetime.datetime) -> None:
        raise OperationalError("database is locked")  # a long import holds SQLite's write lock

    monkeypatch.setattr(heart, "beat", locked)
    heart.tick(now())
    monkeypatch.undo()
    monkeypatch.setattr(heartbeat, "reap", lambda when, lost_after: calls.append(when) or [])
    calls.clear()
    for _ in range(3):
        clock.shift(10)
        heart.tick(now())
    assert calls == [T0 + datetime.timedelta(seconds=60)]  # blocked others have had time to beat again


def test_a_failing_look_for_stranded_jobs_does_not_stop_the_heartbeat(clock, monkeypatch):
    def broken(when: datetime.datetime, lost_after: float) -> list[str]:
        raise RuntimeError("bug")

    monkeypatch.setattr(heartbeat, "reap", broken)
    heart = Heart("me", LOST_AFTER)
    for _ in range(5):
        heart.tick(now())
        clock.shift(10)
    assert Worker.objects.get().beat_at == T0 + datetime.timedelta(seconds=40)
    heart.stop()  # a clean exit leaves no row to look stale
    assert not Worker.objects.exists()


# The pages.


def interrupted(record, a_task, capture) -> None:
    result = queued(record, a_task, capture)
    result.claim("worker-a")
    result.set_failed(SystemExit(1))
    type(record).objects.filter(pk=record.pk).update(state=JobState.FAILED, interrupted_at=T0)
    record.refresh_from_db()


def test_the_page_of_an_interrupted_import_says_so_and_runs_it_again_with_the_kept_file(
    as_user, province_officer, an_import, django_capture_on_commit_callbacks
):
    interrupted(an_import, run_import_job, django_capture_on_commit_callbacks)
    client = as_user(province_officer)
    page = client.get(f"/staff/imports/{an_import.pk}/").content.decode()
    assert "stopped before it finished" in page or "dừng trước khi xong" in page
    assert f"/staff/imports/{an_import.pk}/again/" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/staff/imports/{an_import.pk}/again/")
    assert response["Location"] == f"/staff/imports/{an_import.pk}/"
    an_import.refresh_from_db()
    assert an_import.state == JobState.QUEUED and an_import.data == FILE
    assert DBTaskResult.objects.get(pk=an_import.task_id).status == TaskResultStatus.READY
    page = client.get(f"/staff/imports/{an_import.pk}/").content.decode()
    assert "<progress" in page and "/again/" not in page
    client.post(f"/staff/imports/{an_import.pk}/again/")  # a second click: nothing more is queued
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1
    run_import_job.call(an_import.pk)  # what `ocop worker` does
    an_import.refresh_from_db()
    assert (an_import.state, an_import.created, an_import.data) == (JobState.DONE, 1, None)
    assert Producer.objects.count() == 1


def test_an_interrupted_import_whose_file_is_gone_asks_for_the_file(
    as_user, province_officer, an_import, django_capture_on_commit_callbacks
):
    interrupted(an_import, run_import_job, django_capture_on_commit_callbacks)
    ImportRecord.objects.update(data=None)
    client = as_user(province_officer)
    page = client.get(f"/staff/imports/{an_import.pk}/").content.decode()
    assert "/again/" not in page
    client.post(f"/staff/imports/{an_import.pk}/again/")
    assert ImportRecord.objects.get().state == JobState.FAILED


def test_only_who_sees_the_import_can_run_it_again(as_user, officer_b, an_import, django_capture_on_commit_callbacks):
    interrupted(an_import, run_import_job, django_capture_on_commit_callbacks)
    assert as_user(officer_b).post(f"/staff/imports/{an_import.pk}/again/").status_code == 404
    assert ImportRecord.objects.get().state == JobState.FAILED


def test_an_interrupted_export_is_prepared_again_from_its_page(
    as_user, province_officer, producer_a, django_capture_on_commit_callbacks
):
    export = ExportRecord(user=province_officer, kind="producers", format="csv", file_name="cs.csv", total=1)
    interrupted(export, run_export_job, django_capture_on_commit_callbacks)
    client = as_user(province_officer)
    page = client.get(f"/staff/exports/{export.pk}/").content.decode()
    assert f"/staff/exports/{export.pk}/again/" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/staff/exports/{export.pk}/again/")
    run_export_job.call(export.pk)
    export.refresh_from_db()
    assert export.state == JobState.DONE and b"HTX" in bytes(export.data)
