import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from ocop.core.context import changes_by


class ChangeContextMiddleware:
    """Attributes every change made while serving a request to its user and one request id."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            request_id = uuid.UUID(request.headers.get("X-Request-ID", ""))
        except ValueError:
            request_id = uuid.uuid4()
        path = request.path
        source = "api" if path.startswith("/api/") else "admin" if path.startswith("/admin/") else "web"
        with changes_by(source, user=lambda: getattr(request, "user", None), group_id=request_id):
            response = self.get_response(request)
        response["X-Request-ID"] = str(request_id)
        return response
