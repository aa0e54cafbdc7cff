"""Probes for the proxy and for monitoring (docs/deploy.md, "Health and readiness").

- `/healthz`: the process answers. No database, no cache: a proxy restarts nothing because PostgreSQL is slow.
- `/readyz`: this node can serve: each check runs and the JSON body names each one's state. It answers 503 when
  a check the node cannot serve without fails (the database); a check that only makes the site slower or late
  (the cache, the background workers, the job queue) is reported as "degraded" with 200, so that a stopped Redis
  or worker does not take every node out of the proxy at once. `/readyz?strict` answers 503 when anything
  failed: that one is for monitoring.

Anyone may ask `/readyz` (the proxy must), but only its status is told to everyone: which checks ran, the workers'
liveness and the queue's age are for monitoring, and go only to the requests `/metrics` lets in
(`metrics.allowed`: OCOP_METRICS_ALLOW or OCOP_METRICS_TOKEN), so that one rule decides who sees the node's
insides.

Checks are registered by the app that owns what they look at (the exchange registers the workers' heartbeat and
the queue in exchange/health.py), so core imports no app above it.
"""

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ocop.core.metrics import allowed

logger = logging.getLogger("ocop.health")


@dataclass(frozen=True)
class Outcome:
    ok: bool
    detail: str = ""


@dataclass(frozen=True)
class Check:
    name: str
    run: Callable[[], Outcome]
    required: bool  # without it the node cannot serve: /readyz answers 503


CHECKS: dict[str, Check] = {}


def register(name: str, run: Callable[[], Outcome], required: bool = False) -> None:
    CHECKS[name] = Check(name, run, required)


def database() -> Outcome:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return Outcome(True)


def shared_cache() -> Outcome:
    """Writes and reads back a key of its own: a forgiving cache that lost Redis reads it as missing."""
    key, token = f"readyz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, token, 10)
    found = cache.get(key)
    cache.delete(key)
    return Outcome(True) if found == token else Outcome(False, "the cache did not keep a value (Redis out of reach?)")


register("database", database, required=True)
register("cache", shared_cache)


def run_checks() -> dict[str, dict[str, object]]:
    results: dict[str, dict[str, object]] = {}
    for check in CHECKS.values():
        started = time.monotonic()
        try:
            outcome = check.run()
        except Exception as error:  # the probe reports every failure by name; it never fails itself
            # The body names the error's type only: its message may name hosts, and /readyz is open to the proxy.
            logger.warning("Readiness check %s failed: %s", check.name, error)
            outcome = Outcome(False, type(error).__name__)
        state = "ok" if outcome.ok else "fail" if check.required else "degraded"
        results[check.name] = {"status": state, "ms": round((time.monotonic() - started) * 1000, 1)}
        if outcome.detail:
            results[check.name]["detail"] = outcome.detail
    return results


@require_safe
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@require_safe
@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    results = run_checks()
    strict = "strict" in request.GET
    failed = [name for name, result in results.items() if result["status"] == "fail"]
    degraded = [name for name, result in results.items() if result["status"] == "degraded"]
    unready = failed + degraded if strict else failed
    body: dict[str, object] = {"status": "fail" if unready else "degraded" if degraded else "ok"}
    if allowed(request):
        body["checks"] = results
        if unready:
            body["failed"] = unready
    return JsonResponse(body, status=503 if unready else 200)
