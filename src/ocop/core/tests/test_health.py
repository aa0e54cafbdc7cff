"""/healthz and /readyz: what the proxy and monitoring are told, and when a node says it cannot serve."""

import datetime
import json
import socket

import pytest
from django.db import OperationalError, connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ocop.exchange.models import Worker
from ocop.exchange.tasks import run_export_job

pytestmark = pytest.mark.django_db


def beat(seconds_ago: float) -> Worker:
    now = timezone.now()
    return Worker.objects.create(
        worker_id=f"w{seconds_ago}",
        host=socket.gethostname(),
        pid=1,
        started_at=now,
        beat_at=now - datetime.timedelta(seconds=seconds_ago),
    )


def test_healthz_answers_without_the_database(client, django_assert_num_queries) -> None:
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_probes_answer_any_host_name(client) -> None:
    """A proxy asks by the node's address, which is not among ALLOWED_HOSTS."""
    assert client.get("/healthz", HTTP_HOST="10.1.2.3:8000").status_code == 200
    assert client.get("/readyz", HTTP_HOST="10.1.2.3:8000").status_code == 200


def test_readyz_without_workers_is_degraded_not_down(client) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["cache"]["status"] == "ok"
    assert body["checks"]["workers"]["status"] == "degraded"

    strict = client.get("/readyz?strict")
    assert strict.status_code == 503
    assert strict.json()["failed"] == ["workers"]


def test_readyz_strict_is_ok_with_a_live_worker_and_no_queue(client) -> None:
    beat(seconds_ago=1)
    response = client.get("/readyz?strict")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "ok"


def test_a_dead_worker_does_not_count(client, settings) -> None:
    beat(seconds_ago=settings.OCOP_WORKER_LOST_AFTER + 5)
    assert client.get("/readyz?strict").json()["failed"] == ["workers"]


def test_an_old_waiting_job_fails_the_queue_check(client, settings) -> None:
    beat(seconds_ago=1)
    result = run_export_job.enqueue(1)
    long_ago = timezone.now() - datetime.timedelta(seconds=settings.OCOP_READY_QUEUE_MAX_AGE + 60)
    DBTaskResult.objects.filter(id=result.id).update(enqueued_at=long_ago)
    response = client.get("/readyz?strict")
    assert response.status_code == 503
    body = response.json()
    assert body["failed"] == ["queue"]
    assert "1 waiting" in body["checks"]["queue"]["detail"]


def test_readyz_fails_when_the_database_does_not_answer(client, monkeypatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OperationalError("connection to server at 10.9.9.9 failed")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/readyz")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["failed"] == ["database"]
    assert body["checks"]["database"] == {"status": "fail", "ms": body["checks"]["database"]["ms"]} | {
        "detail": "OperationalError"
    }
    assert b"10.9.9.9" not in response.content  # the error's message stays in the log


def test_a_redis_out_of_reach_degrades_readyz_and_pages_still_answer(client, settings) -> None:
    """REDIS_URL set but nothing listens there: the cache reads as empty, the site keeps serving."""
    settings.CACHES = {
        "default": {
            "BACKEND": "ocop.core.cache.ForgivingRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing answers Redis there
            "KEY_PREFIX": "ocop-test-down",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["cache"]["status"] == "degraded"
    assert client.get("/").status_code == 200  # the portal's home page, cached through the lost Redis
    assert client.get("/readyz?strict").status_code == 503


def test_readyz_tells_the_outside_only_its_status(client, settings) -> None:
    """Anyone may ask /readyz (a proxy does), but which checks failed, the workers' liveness and the queue's age
    are for monitoring: only those /metrics lets in (OCOP_METRICS_ALLOW, or OCOP_METRICS_TOKEN) see them."""
    beat(seconds_ago=5)
    settings.OCOP_METRICS_TOKEN = "s3cret-probe-token"
    outside = client.get("/readyz?strict", REMOTE_ADDR="203.0.113.9")
    relayed = client.get("/readyz?strict", HTTP_X_FORWARDED_FOR="203.0.113.9")
    for response in (outside, relayed):
        assert response.status_code == 200
        assert response.json() == {"status": "ok"}
    with_token = client.get("/readyz?strict", REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION="Bearer s3cret-probe-token")
    assert with_token.json()["checks"]["workers"]["status"] == "ok"


def test_readyz_still_says_503_to_the_outside_when_the_database_is_down(client, monkeypatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OperationalError("connection to server at 10.9.9.9 failed")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/readyz", REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 503
    assert response.json() == {"status": "fail"}
