"""A database out of reach (PostgreSQL restarting, the network between a node and it cut) answers 503 with a
short page in the visitor's language and Retry-After, never a traceback or the generic 500 page: the request
changed nothing (its transaction never committed) and trying again shortly is the right thing to do.

Two doors, because the error may surface in two places: in a view (the middleware's process_exception, which
also works with DEBUG on) or in a middleware before any view (the session or the signed-in user read from the
database: Django then calls the URL conf's handler500, `server_error` below, inside its except block). The
broken connection is closed at the end of the request (Django drops a connection that raised), and with
CONN_HEALTH_CHECKS a kept connection is checked before reuse: a node reconnects by itself once PostgreSQL is back.
"""

import logging
import sys
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views import defaults

from ocop.core.sessions import SessionCacheUnavailable

logger = logging.getLogger("ocop.outage")
RETRY_AFTER_SECONDS = 30
OUTAGE = (OperationalError, InterfaceError, SessionCacheUnavailable)


def unavailable(request: HttpRequest, error: BaseException) -> HttpResponse:
    logger.error("Database unavailable for %s %s: %s", request.method, request.path, error)
    if request.path.startswith("/api/"):
        message = _("The database does not answer right now; nothing was saved. Try again shortly.")
        response: HttpResponse = JsonResponse(
            {"detail": message}, status=503, json_dumps_params={"ensure_ascii": False}
        )
    else:
        # No request context: its processors (the user, the notifications) would ask the database again.
        page = render_to_string("core/unavailable.html", {"retry_after": RETRY_AFTER_SECONDS})
        response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseOutageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        return unavailable(request, exception) if isinstance(exception, OUTAGE) else None


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """The URL conf's handler500: a database outage met before any view is a 503 too; anything else, Django's."""
    error = sys.exc_info()[1]
    if isinstance(error, OUTAGE):
        return unavailable(request, error)
    return defaults.server_error(request, template_name)
