"""Prometheus metrics at /metrics (docs/deploy.md, "Metrics"), with prometheus_client.

Two kinds:
- what each web process counts as it serves (requests by route, method and status; their durations). Under
  `ocop serve` gunicorn runs several processes: `serve` points PROMETHEUS_MULTIPROC_DIR at a directory of its own,
  emptied at start, each process writes its counts there, and a scrape of any process adds them all up
  (prometheus_client's multiprocess mode; a process that exits is marked dead by the gunicorn hook in
  core/gunicorn_hooks.py). One scrape per node, not per process.
- what the database says at the time of the scrape (jobs waiting and the oldest one's age, live workers, imports
  and exports by state): the same on every node, registered by the app that owns the records (exchange/health.py),
  so core imports no app above it.

/metrics is not public: only the addresses in OCOP_METRICS_ALLOW (this machine by default) or a request bearing
OCOP_METRICS_TOKEN; a request relayed by a proxy (X-Forwarded-For) needs the token, so that the proxy's own
address never opens it to the world.
"""

import hmac
import ipaddress
import logging
import os
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.metrics_core import Metric
from prometheus_client.registry import Collector

logger = logging.getLogger("ocop.metrics")
REQUESTS = Counter(
    "ocop_http_requests", "Requests answered, by route, method and status.", ["route", "method", "status"]
)
LATENCY = Histogram(
    "ocop_http_request_duration_seconds",
    "Time to answer a request, by route and method.",
    ["route", "method"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
)
METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}

SCRAPED: list[Callable[[], Iterable[Metric]]] = []


def register(scrape: Callable[[], Iterable[Metric]]) -> None:
    """`scrape()` yields metric families read when /metrics is asked (from the database)."""
    SCRAPED.append(scrape)


class _Scraped(Collector):
    def collect(self) -> Iterable[Metric]:
        failed = GaugeMetricFamily(
            "ocop_metrics_scrape_failed", "1 when a source of metrics (the database) did not answer.", labels=["source"]
        )
        for scrape in SCRAPED:
            source = scrape.__module__
            try:
                found = list(scrape())
            except Exception as error:  # the database is out of reach: the request counts are still worth reading
                logger.warning("Metrics from %s not read: %s", source, error)
                failed.add_metric([source], 1)
                continue
            failed.add_metric([source], 0)
            yield from found
        yield failed


class MetricsMiddleware:
    """Counts and times every request but the probes (answered before it) by its URL pattern, not its URL: one
    series per route, whatever the ids in the address."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        started = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        route = match.route if match is not None and match.route else "(none)"
        method = request.method if request.method in METHODS else "other"
        LATENCY.labels(route, method).observe(time.perf_counter() - started)
        REQUESTS.labels(route, method, str(response.status_code)).inc()
        return response


def allowed(request: HttpRequest) -> bool:
    token = settings.OCOP_METRICS_TOKEN
    given = request.META.get("HTTP_AUTHORIZATION", "")
    if token and hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        return True
    if request.META.get("HTTP_X_FORWARDED_FOR"):
        return False  # relayed by a proxy: its own address says nothing of who asked
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(address in network for network in settings.OCOP_METRICS_ALLOW)


def exposition() -> bytes:
    scraped = CollectorRegistry()
    scraped.register(_Scraped())
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        served: Any = CollectorRegistry()
        multiprocess.MultiProcessCollector(served)
    else:
        served = REGISTRY
    return generate_latest(served) + generate_latest(scraped)


@require_safe
@never_cache
def metrics(request: HttpRequest) -> HttpResponse:
    if not allowed(request):
        return HttpResponse("Forbidden\n", status=403, content_type="text/plain")
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
