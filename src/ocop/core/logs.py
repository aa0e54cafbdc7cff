"""One JSON object per line (LOG_FORMAT=json), for a log collector: each line carries the request id of the
request it was written in — the id the change log groups that request's changes by and the response's
X-Request-ID header — so a line, a change and a visitor's report of an error lead to one another.

Gunicorn's access lines go through the same formatter (core/gunicorn_hooks.py) with their fields apart; their
request id is read from the response's X-Request-ID, since gunicorn writes them after Django's context ended.
"""

import datetime
import json
import logging
from typing import Any

from ocop.core.context import active

ACCESS_FIELDS = {"h": "remote", "m": "method", "U": "path", "q": "query", "s": "status", "B": "bytes", "M": "ms"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        ctx = active()
        if ctx is not None:
            line["request_id" if ctx.source in ("web", "api", "admin") else "group_id"] = str(ctx.group_id)
            line["source"] = ctx.source
        # Django logs an error response after the middleware's context ended, with the request on the record.
        request_id = getattr(getattr(record, "request", None), "ocop_request_id", None)
        if request_id is not None:
            line["request_id"] = str(request_id)
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            atoms = record.args
            line.update({name: atoms.get(atom) for atom, name in ACCESS_FIELDS.items() if atoms.get(atom) != "-"})
            request_id = atoms.get("{x-request-id}o")
            if request_id and request_id != "-":
                line["request_id"] = request_id
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def logging_config(fmt: str, level: str) -> dict[str, Any]:
    """Django's LOGGING: plain lines (`text`, the default) or JSON lines (`json`)."""
    formatter = {"()": "ocop.core.logs.JsonFormatter"} if fmt == "json" else {"format": "%(message)s"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"default": formatter},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "default"}},
        "root": {"handlers": ["console"], "level": level},
        # WeasyPrint and fontTools narrate every PDF at INFO; keep their warnings only.
        # django-axes announces itself at INFO in every process; its failures and lockouts are warnings.
        "loggers": {
            **{name: {"level": "WARNING"} for name in ("weasyprint", "fontTools", "axes")},
            # Django's own console handler (DEBUG only) would print the same line again, not as JSON.
            **({"django": {"handlers": [], "level": "INFO", "propagate": True}} if fmt == "json" else {}),
        },
    }
