"""Gunicorn's settings and hooks for `ocop serve` (`--config python:ocop.core.gunicorn_hooks`).

- A worker process that exits is marked dead in Prometheus's multiprocess directory (core/metrics.py).
- With LOG_FORMAT=json, gunicorn's own lines (access and errors) are JSON lines too (core/logs.py), the access
  line carrying the request's id from the response's X-Request-ID header.
"""

import os
from typing import Any

JSON = os.environ.get("LOG_FORMAT", "text") == "json"

if JSON:
    # The atoms core/logs.py reads; as text (without the JSON formatter) this reads like the common log format.
    access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms %({x-request-id}o)s'
    _json = {"()": "ocop.core.logs.JsonFormatter"}
    logconfig_dict = {
        "formatters": {"generic": _json},
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["console"], "propagate": False},
        },
    }


def child_exit(server: Any, worker: Any) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
