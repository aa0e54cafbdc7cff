import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _

from ocop.core.context import changes_by


class RejectNullBytesMiddleware:
    """A NUL character in a URL is never meaningful here and PostgreSQL refuses it in text: answer 400."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or "%00" in query or "\x00" in query:
            return HttpResponseBadRequest(_("The address contains a NUL character."), content_type="text/plain")
        return self.get_response(request)


class ChangeContextMiddleware:
    """Attributes every change made while serving a request to its user and one request id."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = uuid.uuid4()  # ours, never the client's: a caller must not join another request's group
        path = request.path
        source = "api" if path.startswith("/api/") else "admin" if path.startswith("/admin/") else "web"
        with changes_by(source, user=lambda: getattr(request, "user", None), group_id=request_id):
            response = self.get_response(request)
        response["X-Request-ID"] = str(request_id)
        return response
