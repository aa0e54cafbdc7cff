"""Real `ocop worker` processes killed with SIGKILL in the middle of an import, inside its write transaction:
the next worker finds the job within OCOP_WORKER_LOST_AFTER, runs it again once, fails it after a second loss
with its file kept, and the page runs it again. Nothing is ever half-written.

The workers need a database they can share with this test: a copy of the test database (a SQLite file, or a
PostgreSQL database made from it as a template), reached here through a second connection and a router.
"""

import copy
import datetime
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.db import connections
from django.db.utils import load_backend
from django.test import Client
from django.test.utils import override_settings
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from conftest import make_user, unit
from ocop.core.choices import RoleKind
from ocop.exchange import jobs
from ocop.exchange.heartbeat import BEATS_PER_TIMEOUT, CLEAN_BEATS_BEFORE_JUDGING
from ocop.exchange.models import ImportRecord, JobState, Worker
from ocop.exchange.tasks import run_import_job
from ocop.exchange.tests.test_import import csv_bytes, producer_row
from ocop.registry.models import Producer

ALIAS = "workers"
LOST_AFTER = 2  # seconds (the setting's smallest value): a beat every third of a second
FILE = csv_bytes([producer_row(), producer_row(**{"Mã số thuế / số ĐKKD": "3802223335", "Tên chủ thể": "HTX Bom Bo"})])


class ToWorkersDatabase:
    def db_for_read(self, model: object, **hints: object) -> str:
        return ALIAS

    db_for_write = db_for_read

    def allow_relation(self, *args: object, **hints: object) -> bool:
        return True


@pytest.fixture(scope="module")
def database_copy(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[tuple[str, dict]]:
    """A copy of the test database, made before any test's transaction opens (a PostgreSQL template must
    have no one connected): its DATABASE_URL for the workers and its settings for this process."""
    with django_db_blocker.unblock():
        default = connections["default"]
        settings = copy.deepcopy(default.settings_dict)
        if default.vendor == "sqlite":
            default.ensure_connection()
            settings["NAME"] = str(tmp_path_factory.mktemp("workers") / "workers.sqlite3")
            with sqlite3.connect(settings["NAME"]) as target:
                default.connection.backup(target)
            yield f"sqlite:///{settings['NAME']}", settings
            return
        settings["NAME"] = f"{default.settings_dict['NAME']}_workers"
        default.close()
        postgres(settings, f'CREATE DATABASE "{settings["NAME"]}" TEMPLATE "{default.settings_dict["NAME"]}"')
        user, host, port = settings["USER"], settings["HOST"] or "localhost", settings["PORT"] or 5432
        password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
        try:
            yield f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}", settings
        finally:
            postgres(settings, f'DROP DATABASE IF EXISTS "{settings["NAME"]}" WITH (FORCE)')


@pytest.fixture
def workers_db(db, database_copy) -> Iterator[str]:
    """The copy's DATABASE_URL; this test's queries go there too, through a connection of its own (made here,
    not declared in the settings, which the test's set-up would forbid), where the workers see them at once."""
    url, settings = database_copy
    connections[ALIAS] = load_backend(settings["ENGINE"]).DatabaseWrapper(settings, ALIAS)
    try:
        with override_settings(DATABASE_ROUTERS=[ToWorkersDatabase()]):
            yield url
    finally:
        connections[ALIAS].close()
        del connections[ALIAS]


def postgres(settings: dict, statement: str) -> None:
    import psycopg

    params = {"dbname": "postgres", "user": settings["USER"], "host": settings["HOST"] or None}
    params |= {"port": settings["PORT"] or None, "password": settings["PASSWORD"] or None}
    with psycopg.connect(**{k: v for k, v in params.items() if v}, autocommit=True) as admin:
        admin.execute(statement)


class Workers:
    """`ocop worker` processes on the shared database, each with its log in the test's directory."""

    def __init__(self, url: str, directory: Path) -> None:
        self.url, self.directory, self.running = url, directory, []

    def start(self, name: str, *, hanging: bool = False) -> subprocess.Popen:
        env = {**os.environ, "DATABASE_URL": self.url, "OCOP_WORKER_LOST_AFTER": str(LOST_AFTER)}
        env |= {"OCOP_DATA_DIR": str(self.directory), "DJANGO_SETTINGS_MODULE": "ocop.settings"}
        options = ["--worker-id", name, "--interval", "0.1", "--no-startup-delay", "--no-reload"]
        if hanging:
            command = ["-m", "ocop.exchange.tests.hanging_worker", str(self.marker(name)), *options]
        else:
            command = ["-m", "ocop.cli", "worker", *options]
        log = (self.directory / f"{name}.log").open("w")
        process = subprocess.Popen([sys.executable, *command], env=env, stdout=log, stderr=subprocess.STDOUT)
        self.running.append(process)
        return process

    def marker(self, name: str) -> Path:
        return self.directory / f"{name}.hung"

    def logs(self) -> str:
        return "\n".join(f"--- {p.name}\n{p.read_text()[-3000:]}" for p in sorted(self.directory.glob("*.log")))

    def stop_all(self) -> None:
        for process in self.running:
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
                process.wait(10)


def assert_found_in_time(found_at: datetime.datetime, dead: str, finder: str) -> None:
    """Not before the dead worker was silent for LOST_AFTER seconds; then as soon as the finder could judge
    (two clean beats after its start) and beat again, with a second's slack for a busy machine."""
    silent_since = Worker.objects.get(worker_id=dead).beat_at
    interval = datetime.timedelta(seconds=LOST_AFTER / BEATS_PER_TIMEOUT)
    may_judge = Worker.objects.get(worker_id=finder).started_at + CLEAN_BEATS_BEFORE_JUDGING * interval
    due = max(silent_since + datetime.timedelta(seconds=LOST_AFTER), may_judge)
    timing = f"silent since {silent_since:%T.%f}, may judge from {may_judge:%T.%f}, found at {found_at:%T.%f}"
    assert due <= found_at <= due + interval + datetime.timedelta(seconds=1), timing


def wait_for(condition: Callable[[], object], seconds: float, workers: Workers, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: not within {seconds} s\n{workers.logs()}")
        time.sleep(0.1)


def test_a_killed_worker_s_import_is_run_again_once_then_failed_with_its_file_kept(
    workers_db, tmp_path, django_capture_on_commit_callbacks
):
    workers = Workers(workers_db, tmp_path)
    officer = make_user("tinh", RoleKind.PROVINCE_OFFICE, unit=unit("2025", "75"))
    record = ImportRecord.objects.create(
        kind="producers", file_name="chu-the.csv", user=officer, state=JobState.QUEUED, data=FILE
    )
    with django_capture_on_commit_callbacks(execute=True):
        jobs.enqueue(record, run_import_job)
    record.refresh_from_db()
    task = DBTaskResult.objects.get(pk=record.task_id)
    # Starting Django in a fresh process takes a few seconds on a busy machine: the waits allow for it.
    start_up = 20
    try:
        first = workers.start("first", hanging=True)
        wait_for(workers.marker("first").exists, start_up, workers, "the first worker hangs inside the import")
        assert ImportRecord.objects.get(pk=record.pk).state == JobState.RUNNING
        first.send_signal(signal.SIGKILL)
        first.wait(10)

        workers.start("second", hanging=True)
        wait_for(workers.marker("second").exists, start_up + LOST_AFTER, workers, "the second worker runs it again")
        record.refresh_from_db()
        task.refresh_from_db()
        assert task.worker_ids == ["first", "second"] and record.state == JobState.RUNNING
        assert_found_in_time(record.interrupted_at, dead="first", finder="second")
        assert not Producer.objects.exists()  # the killed run's transaction left nothing
        workers.running[-1].send_signal(signal.SIGKILL)
        workers.running[-1].wait(10)

        workers.start("third")
        wait_for(lambda: ImportRecord.objects.get(pk=record.pk).lost, start_up + LOST_AFTER, workers, "failed")
        record.refresh_from_db()
        task.refresh_from_db()
        assert_found_in_time(record.interrupted_at, dead="second", finder="third")
        assert task.status == TaskResultStatus.FAILED and "second" in task.traceback
        assert bytes(record.data) == FILE and not Producer.objects.exists()

        client = Client()
        client.force_login(officer)
        page = client.get(f"/staff/imports/{record.pk}/").content.decode()
        assert f"/staff/imports/{record.pk}/again/" in page
        with django_capture_on_commit_callbacks(execute=True):
            client.post(f"/staff/imports/{record.pk}/again/")  # the kept file, run by the third worker
        wait_for(lambda: ImportRecord.objects.get(pk=record.pk).state == JobState.DONE, 30, workers, "done")
        record.refresh_from_db()
        assert (record.created, record.data, Producer.objects.count()) == (2, None, 2)
    finally:
        workers.stop_all()
