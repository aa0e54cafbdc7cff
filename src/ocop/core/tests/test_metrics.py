"""/metrics: what Prometheus reads, and who may read it."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.utils import timezone

from ocop.exchange.models import ImportRecord, Worker

pytestmark = pytest.mark.django_db


def value(text: str, name: str, labels: str = "") -> float:
    found = re.search(rf"^{re.escape(name)}{re.escape(labels)} (\S+)$", text, re.MULTILINE)
    assert found, f"{name}{labels} not in the exposition"
    return float(found.group(1))


def test_requests_jobs_and_imports_are_counted(client, province_officer) -> None:
    client.get("/san-pham/")
    client.get("/san-pham/")
    now = timezone.now()
    Worker.objects.create(worker_id="w1", host="node-1", pid=1, started_at=now, beat_at=now)
    ImportRecord.objects.create(kind="products", state="failed")
    text = client.get("/metrics").content.decode()
    route = '{method="GET",route="san-pham/",status="200"}'
    assert value(text, "ocop_http_requests_total", route) >= 2
    assert value(text, "ocop_http_request_duration_seconds_count", '{method="GET",route="san-pham/"}') >= 2
    assert value(text, "ocop_workers_alive") == 1
    assert value(text, "ocop_jobs_waiting") == 0
    assert value(text, "ocop_imports_total", '{state="failed"}') == 1


def test_metrics_are_refused_from_elsewhere(client, settings) -> None:
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 403
    # through a proxy on this machine: its address is 127.0.0.1, but someone else asked
    assert client.get("/metrics", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 403
    settings.OCOP_METRICS_TOKEN = "s3cret-scrape-token"
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION="Bearer wrong").status_code == 403
    allowed = client.get("/metrics", REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION="Bearer s3cret-scrape-token")
    assert allowed.status_code == 200
    assert b"ocop_jobs_waiting" in allowed.content


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode()


def test_ocop_serve_adds_up_every_gunicorn_process(tmp_path) -> None:
    """Two gunicorn processes, each with its own counts: any one scrape reports their sum."""
    port = free_port()
    env = {
        **os.environ,
        "OCOP_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"),
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",  # `serve` refuses the console's
    }
    env.pop("REDIS_URL", None)
    args = [sys.executable, "-m", "ocop.cli", "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
    server = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(600):
            try:
                fetch(base + "/healthz")
                break
            except OSError:
                time.sleep(0.1)
        # /robots.txt needs no table (the fresh database has none), until both processes have served some.
        sent = 0
        while sent < 400 and len(list((tmp_path / "metrics").glob("counter_*.db"))) < 2:
            fetch(base + "/robots.txt")
            sent += 1
        assert len(list((tmp_path / "metrics").glob("counter_*.db"))) == 2, "one process served every request"
        text = fetch(base + "/metrics")
        assert value(text, "ocop_http_requests_total", '{method="GET",route="robots.txt",status="200"}') == sent
        assert value(text, "ocop_metrics_scrape_failed", '{source="ocop.exchange.health"}') == 1  # no tables
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
