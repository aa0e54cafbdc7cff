"""Gunicorn's hooks for `ocop serve` (`--config python:ocop.core.gunicorn_hooks`): a worker process that exits
is marked dead in Prometheus's multiprocess directory, so its gauges stop counting (core/metrics.py)."""

from typing import Any


def child_exit(server: Any, worker: Any) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
