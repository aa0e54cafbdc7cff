import re
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from ocop.core import health
from ocop.core.context import changes_by


class RejectNullBytesMiddleware:
    """A NUL character is never meaningful in what people or programs send here, and PostgreSQL refuses it in
    every text column: a request carrying one — in its address, its query, a form field (name or value) or a
    JSON body — is answered 400 with one message in Vietnamese before any view runs, so nothing is written.

    One check at the door rather than per form: Django's CharField refuses NUL only in its own fields (in
    English), while hand-read parameters, multi-value fields and JSON bodies of the API have no such check.
    Uploaded files' contents are binary and not looked at; the import reader checks its cells itself."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if carries_nul(request):
            return refuse_nul(request)
        return self.get_response(request)


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
# "\u0000" in JSON text, unless its backslash is itself escaped ("\\u0000" is the six characters \u0000).
JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")


def carries_nul(request: HttpRequest) -> bool:
    query = request.META.get("QUERY_STRING", "")
    if "\x00" in request.path or "%00" in query or "\x00" in query:
        return True
    if request.method == "POST" and request.content_type in FORM_TYPES:
        if request.path.startswith("/api/"):
            # The API reads its body itself (JSON): read it before the form is parsed, or a multipart body
            # would be consumed here and the operation fail with a 500 (no upload goes to the API).
            _ = request.body
        return any("\x00" in key or any("\x00" in value for value in values) for key, values in request.POST.lists())
    if request.content_type == "application/json" or (request.content_type or "").endswith("+json"):
        return b"\x00" in request.body or JSON_NUL.search(request.body) is not None
    return False


def refuse_nul(request: HttpRequest) -> HttpResponse:
    message = _(
        "What was sent contains a NUL character (an invisible control character) that no field accepts;"
        " nothing was saved. Remove it and try again."
    )
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=400, json_dumps_params={"ensure_ascii": False})
    return render(request, "core/bad_request.html", {"message": message}, status=400)


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


PROBES = {"/healthz": health.healthz, "/readyz": health.readyz}


class ProbeMiddleware:
    """Answers /healthz and /readyz before every other middleware: a proxy or a monitor asks by the node's address
    (not an allowed host name) and over plain HTTP (no redirect to HTTPS), and a probe needs no session, user or
    language. The same views are in the URL conf, so the security matrix lists them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        probe = PROBES.get(request.path_info)
        if probe is not None and request.method in ("GET", "HEAD"):
            return probe(request)
        return self.get_response(request)
