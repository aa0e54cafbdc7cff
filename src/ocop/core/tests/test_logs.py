"""LOG_FORMAT=json: one JSON object per line, carrying the request id the change log groups changes by."""

import json
import logging
import uuid

from ocop.core.context import changes_by
from ocop.core.logs import JsonFormatter, logging_config


def record(message: str, *args: object, name: str = "ocop.test") -> logging.LogRecord:
    return logging.LogRecord(name, logging.WARNING, __file__, 1, message, args, None)


def test_a_line_written_while_serving_a_request_carries_its_id() -> None:
    request_id = uuid.uuid4()
    with changes_by("web", group_id=request_id):
        line = JsonFormatter().format(record("Sản phẩm %s không tìm thấy", 42))
    assert "\n" not in line
    data = json.loads(line)
    assert data["message"] == "Sản phẩm 42 không tìm thấy"
    assert data["request_id"] == str(request_id)
    assert data["level"] == "WARNING" and data["logger"] == "ocop.test"


def test_a_request_logs_with_the_id_of_its_response_header(client, caplog) -> None:
    """The middleware's id: the same in the log line and in X-Request-ID (and so in the change log's group)."""
    formatter = JsonFormatter()
    lines: list[str] = []

    class Keep(logging.Handler):
        def emit(self, item: logging.LogRecord) -> None:
            lines.append(formatter.format(item))

    handler = Keep(level=logging.WARNING)
    logging.getLogger("django.request").addHandler(handler)
    try:
        response = client.get("/san-pham/khong-co/")
    finally:
        logging.getLogger("django.request").removeHandler(handler)
    assert response.status_code == 404
    data = json.loads(lines[-1])
    assert data["request_id"] == response["X-Request-ID"]


def test_gunicorn_access_lines_keep_their_fields_apart() -> None:
    atoms = {"h": "10.0.0.5", "m": "GET", "U": "/san-pham/", "s": "200", "B": "5120", "M": "12"}
    atoms["{x-request-id}o"] = "5a1d2f0e-0000-4000-8000-000000000001"
    item = logging.LogRecord("gunicorn.access", logging.INFO, __file__, 1, "%(h)s", (atoms,), None)
    item.args = atoms  # as gunicorn passes them: one mapping
    data = json.loads(JsonFormatter().format(item))
    assert data["status"] == "200" and data["path"] == "/san-pham/" and data["ms"] == "12"
    assert data["request_id"] == "5a1d2f0e-0000-4000-8000-000000000001"


def test_text_stays_the_default() -> None:
    assert logging_config("text", "INFO")["formatters"]["default"] == {"format": "%(message)s"}
    assert logging_config("json", "INFO")["formatters"]["default"]["()"] == "ocop.core.logs.JsonFormatter"
