"""`ocop worker` through a database outage (a PostgreSQL restart): the database worker's loop ends with an
OperationalError; the command waits, settles the job the outage cut short and runs the loop again, instead of
exiting and leaving its job shown as running under a worker whose heartbeat still beats."""

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker

from ocop.exchange.management.commands import worker as worker_command
from ocop.exchange.models import ImportRecord, JobState, Worker
from ocop.exchange.reaper import settle_own
from ocop.exchange.tasks import run_import_job
from ocop.exchange.tests.test_jobs import FILE, claimed, now, queued

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def keep_the_tests_connection(monkeypatch):
    """The command closes its broken connections after an outage; here the outage is played, and closing would
    end the test's own transaction (PostgreSQL)."""
    monkeypatch.setattr(worker_command.connections, "close_all", lambda: None)


@pytest.fixture
def an_import(province_officer) -> ImportRecord:
    return ImportRecord(kind="producers", file_name="chu-the.csv", user=province_officer, data=FILE)


def test_a_worker_cut_off_by_an_outage_settles_its_job_and_runs_again(
    an_import, django_capture_on_commit_callbacks, monkeypatch
):
    result = queued(an_import, run_import_job, django_capture_on_commit_callbacks)
    claimed(result, "worker-a", an_import)  # it was running this job when the database went away
    loops, waits = [], []

    def database_loop(self, *args, **options):
        loops.append(options["worker_id"])
        if len(loops) == 1:
            raise OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr(DatabaseWorker, "handle", database_loop)
    monkeypatch.setattr(worker_command.time, "sleep", waits.append)
    call_command("worker", worker_id="worker-a")

    assert loops == ["worker-a", "worker-a"]  # ran again after the outage, did not exit
    assert waits == [worker_command.FIRST_WAIT]
    result.refresh_from_db()
    an_import.refresh_from_db()
    assert result.status == TaskResultStatus.READY  # an import is safe to run again: back in the queue
    assert an_import.state == JobState.QUEUED and an_import.interrupted_at is not None
    assert not Worker.objects.filter(worker_id="worker-a").exists()  # a clean exit leaves no stale heartbeat


def test_settling_its_own_jobs_leaves_other_workers_jobs_alone(an_import, django_capture_on_commit_callbacks):
    result = queued(an_import, run_import_job, django_capture_on_commit_callbacks)
    claimed(result, "worker-b", an_import)
    assert settle_own("worker-a", now()) == []
    result.refresh_from_db()
    assert result.status == TaskResultStatus.RUNNING
    [line] = settle_own("worker-b", now())
    assert "queued again" in line


def test_a_longer_outage_waits_longer_between_tries(monkeypatch):
    tries, waits = [], []

    def database_loop(self, *args, **options):
        tries.append(1)
        if len(tries) < 4:
            raise OperationalError("the database system is shutting down")

    monkeypatch.setattr(DatabaseWorker, "handle", database_loop)
    monkeypatch.setattr(worker_command.time, "sleep", waits.append)
    broken = iter([True, True])  # the first two settlements find the database still out of reach

    def settle(worker_id, when):
        if next(broken, False):
            raise OperationalError("connection refused")
        return []

    monkeypatch.setattr(worker_command, "settle_own", settle)
    call_command("worker", worker_id="worker-c")
    assert waits == [1.0, 2.0, 4.0]
