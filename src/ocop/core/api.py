"""What every app's API (`<app>/api.py`) shares, so none imports the `ocop.api` assembler: JSON errors with a
message a person can read (4xx, never a 500 for bad input), the page schema, filtering and paging."""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError

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


class ErrorOut(Schema):
    """Every error answer of the API (4xx)."""

    detail: str = Field(description="What went wrong, in the request's language")
    errors: dict[str, str | list[str]] | None = Field(
        default=None, description="Each problem under the name of the field or filter it concerns"
    )


# What each error status means, for the OpenAPI document (docs/api.md has the full table).
ERROR_STATUSES = {
    400: "Invalid data: a bad filter value, a body that does not validate, a NUL character",
    401: "Not authenticated, or a bad bearer token",
    403: "A change sent with a browser session but without the CSRF token",
    404: "Unknown, or outside your scope",
    409: "The record was changed by someone else after you read it",
    422: "A query or path parameter of the wrong type",
    429: "Too many failed authentications from your address",
}


# The usual sets: a page of a scoped list (a bad filter, no authentication, a parameter of the wrong type, too
# many failed tokens), and one scoped record by its id (the same, and unknown or out of scope).
LIST = (400, 401, 422, 429)
ONE = (400, 401, 404, 422, 429)


def answers(ok: Any, *errors: int) -> dict[int, Any]:
    """An operation's `response=`: `ok` on success (200), the shared `ErrorOut` for each error status it can
    give."""
    unknown = set(errors) - set(ERROR_STATUSES)
    if unknown:
        raise ValueError(f"no documented meaning for status {sorted(unknown)}")
    return {200: ok, **dict.fromkeys(errors, ErrorOut)}


class DescribedAPI(NinjaAPI):
    """The API whose OpenAPI document says what each error status means here, not only its HTTP name."""

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: dict | None = None) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, answer in operation["responses"].items():
                    answer["description"] = ERROR_STATUSES.get(int(status), answer["description"])
        return schema


def _where(location: tuple[Any, ...]) -> str:
    """A pydantic error location as a reader's path: ("body", "body", "sheets", 0, "choices", "1.1") →
    "sheets › 1 › choices › 1.1" (list positions count from 1)."""
    parts = list(location[2:] if location[:1] == ("body",) else location[1:])
    return " › ".join(str(p + 1) if isinstance(p, int) else str(p) for p in parts) or str(location[0])


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

    @api.exception_handler(NinjaValidationError)
    def not_schema(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        """A body that does not match its schema is invalid data (400, like a refused save); a query or path
        parameter of the wrong type is a 422. Both answer in the shared shape."""
        errors: dict[str, str] = {}
        for error in exc.errors:
            where = _where(tuple(error.get("loc", ())))
            errors[where] = f"{errors[where]} {error['msg']}" if where in errors else error["msg"]
        in_body = any(tuple(e.get("loc", ()))[:1] == ("body",) for e in exc.errors)
        detail = _("Invalid data.") if in_body else _("Invalid parameter.")
        return api.create_response(request, {"detail": detail, "errors": errors}, status=400 if in_body else 422)

    @api.exception_handler(DjangoValidationError)
    def invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return api.create_response(request, {"detail": _("Invalid data."), "errors": errors}, status=400)
