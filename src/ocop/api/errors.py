"""JSON errors with a message a person can read: 4xx, never a 500 for bad input."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError


class FilterError(Exception):
    def __init__(self, errors: dict[str, str], detail: str = "") -> None:
        self.errors, self.detail = errors, detail


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(AuthenticationError)
    def unauthorized(request: HttpRequest, exc: Exception) -> HttpResponse:
        return api.create_response(
            request,
            {"detail": _("Authentication required: log in or send a valid bearer token.")},
            status=401,
        )

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return api.create_response(request, {"detail": _("Not found.")}, status=404)

    @api.exception_handler(FilterError)
    def bad_filter(request: HttpRequest, exc: FilterError) -> HttpResponse:
        return api.create_response(
            request, {"detail": exc.detail or _("Invalid filter."), "errors": exc.errors}, status=400
        )

    @api.exception_handler(DjangoValidationError)
    def invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return api.create_response(request, {"detail": _("Invalid data."), "errors": errors}, status=400)
