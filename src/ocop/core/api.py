"""What every app's API (`<app>/api.py`) shares, so none imports the `ocop.api` assembler: JSON errors with a
message a person can read (4xx, never a 500 for bad input), the page schema, filtering and paging."""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError

MAX_PAGE_SIZE = 200


class FilterError(Exception):
    def __init__(self, errors: dict[str, str], detail: str = "") -> None:
        self.errors, self.detail = errors, detail


class Page(Schema):
    count: int
    page: int
    pages: int


def filtered(request: HttpRequest, filter_class: Any, qs: QuerySet) -> QuerySet:
    form = filter_class(request.GET)
    if not form.is_valid():
        raise FilterError(form.error_dict())
    return form.apply(qs)


def page_of(request: HttpRequest, qs: QuerySet, page: int, page_size: int, render: Any) -> dict:
    if page < 1 or not 1 <= page_size <= MAX_PAGE_SIZE:
        raise FilterError({"page": f"page ≥ 1, 1 ≤ page_size ≤ {MAX_PAGE_SIZE}"})
    paginator = Paginator(qs, page_size)
    current = paginator.get_page(page) if page <= max(paginator.num_pages, 1) else None
    rows = list(current.object_list) if current else []
    return {
        "count": paginator.count,
        "page": page,
        "pages": paginator.num_pages,
        "results": [render(r) for r in rows],
    }


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
