"""What every app's API (`<app>/api.py`) shares, so none imports the `ocop.api` assembler: JSON errors with a
message a person can read (4xx, never a 500 for bad input), the page schema, filtering, paging (by page or by
cursor), and writing through a page's form (`form_data`, `save_form`) on the version `If-Match` names."""

import base64
import binascii
import json
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser

from ocop.core import rights
from ocop.core.api_messages import schema_message
from ocop.core.filters import FilterForm
from ocop.core.versions import StaleEdit, check_version, locked, version_of

MAX_PAGE_SIZE = 200


class FilterError(Exception):
    def __init__(self, errors: dict[str, str], detail: str = "") -> None:
        self.errors, self.detail = errors, detail


class Page(Schema):
    count: int
    page: int = Field(description="The page's number (0 when paging by cursor)")
    pages: int = Field(description="How many pages (0 when paging by cursor)")
    next_cursor: str | None = Field(
        default=None, description="With `cursor=`: pass it as `cursor` for the next records; null at the end"
    )


def filtered(request: HttpRequest, filter_class: Any, qs: QuerySet) -> QuerySet:
    takes_user = isinstance(filter_class, type) and issubclass(filter_class, FilterForm)
    form = filter_class(request.GET, user=request.user) if takes_user else filter_class(request.GET)
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


def _cursor_id(cursor: str) -> int:
    """The id after which a cursor continues ("" starts at the beginning); FilterError for anything else."""
    if cursor == "":
        return 0
    try:
        value = int(base64.urlsafe_b64decode(cursor.encode("ascii") + b"==").decode("ascii"))
    except (ValueError, UnicodeError, binascii.Error):
        value = -1
    if not 0 < value < 2**63:
        raise FilterError({"cursor": _("Not a cursor given by this API: start again with an empty cursor.")})
    return value


def cursor_of(qs: QuerySet, cursor: str, page_size: int, render: Any) -> dict:
    """A page of `qs` in the order of its ids, after the id the cursor carries: stable while records are added
    or changed (a page number shifts; a cursor does not), and as fast on the last page as on the first."""
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise FilterError({"page_size": f"1 ≤ page_size ≤ {MAX_PAGE_SIZE}"})
    after = _cursor_id(cursor)
    rows = list(qs.order_by("pk").filter(pk__gt=after)[: page_size + 1])
    more = len(rows) > page_size
    rows = rows[:page_size]
    following = base64.urlsafe_b64encode(str(rows[-1].pk).encode()).decode().rstrip("=") if more else None
    return {"count": qs.count(), "page": 0, "pages": 0, "next_cursor": following, "results": [render(r) for r in rows]}


def listing(request: HttpRequest, qs: QuerySet, page: int, page_size: int, cursor: str | None, render: Any) -> dict:
    """A list by page number (`page`), or by cursor when `cursor` is given (even empty: the first)."""
    if cursor is not None:
        return cursor_of(qs, cursor, page_size, render)
    return page_of(request, qs, page, page_size, render)


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
    403: "A change sent with a browser session but without the CSRF token, or one your role may not make",
    404: "Unknown, or outside your scope",
    409: "The record was changed after you read it (a stale If-Match), or the same Idempotency-Key is in use",
    422: "A query or path parameter of the wrong type, or an Idempotency-Key reused with another body",
    429: "Too many failed authentications from your address",
}


# The usual sets: a page of a scoped list (a bad filter, no authentication, a parameter of the wrong type, too
# many failed tokens), and one scoped record by its id (the same, and unknown or out of scope).
LIST = (400, 401, 422, 429)
ONE = (400, 401, 404, 422, 429)
# A write: a new record (refused data, authentication, the right, an Idempotency-Key reused) and a change to
# one named by the path (the same, unknown or out of scope, a stale If-Match).
CREATE = (400, 401, 403, 409, 422, 429)
UPDATE = (400, 401, 403, 404, 409, 422, 429)


def answers(ok: Any, *errors: int) -> dict[int, Any]:
    """An operation's `response=`: `ok` on success (200), the shared `ErrorOut` for each error status it can
    give."""
    unknown = set(errors) - set(ERROR_STATUSES)
    if unknown:
        raise ValueError(f"no documented meaning for status {sorted(unknown)}")
    return {200: ok, **dict.fromkeys(errors, ErrorOut)}


class NotAnObject(ValueError):
    """A request body that is valid JSON but not an object (`[]`, `"text"`, `3`, `null`)."""


class ObjectParser(Parser):
    """Every body of this API is a JSON object. Without this check a list or a bare value would pass as an
    object with no fields (ninja reads attributes off non-dicts), and a PATCH would answer 200 having changed
    nothing. Ninja turns what this raises into a 400 (`install_error_handlers` gives it words)."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        try:
            data = json.loads(request.body)
        except RecursionError as error:  # nested deeper than the parser goes: as invalid as broken JSON
            raise ValueError("nested too deeply") from error
        if not isinstance(data, dict):
            raise NotAnObject(type(data).__name__)
        return data


class DescribedAPI(NinjaAPI):
    """The API whose OpenAPI document says what each error status means here, not only its HTTP name, and whose
    bodies are JSON objects (`ObjectParser`)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(parser=ObjectParser(), **kwargs)

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: dict | None = None) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, answer in operation["responses"].items():
                    answer["description"] = ERROR_STATUSES.get(int(status), answer["description"])
        return schema


# ------------------------------------------------------------------------------------- writing


def record(request: HttpRequest) -> Any:
    """The record the operation's `gate` found (in sight, with the right)."""
    return request.api_record  # type: ignore[attr-defined]  # set by ocop.core.api_auth.gate


def etag(obj: Model) -> str:
    """A record's entity tag: its version (the id of its newest change-log entry)."""
    return f'"{version_of(obj)}"'


def seen_version(request: HttpRequest) -> int | None:
    """The version an `If-Match` header names (None without one: the write then applies to the record as it
    is). `*` means any version; anything else that is not one of our tags is refused."""
    raw = request.headers.get("If-Match", "").strip()
    if raw in ("", "*"):
        return None
    tag = raw.removeprefix("W/").strip('"')
    if not tag.isascii() or not tag.isdecimal() or len(tag) > 18:
        raise HttpError(400, _("If-Match must be an ETag this API gave (a number in quotes)."))
    return int(tag)


class FormRefused(Exception):
    """A page's form refused the data: its errors, field by field, in the request's language."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        self.errors = errors


def form_data(form_class: Any, body: Schema, instance: Model | None = None, **extra: Any) -> dict[str, Any]:
    """What a page's form would receive: the record's current values (for a partial change), then what the body
    sets. Dates go as ISO text (Django's date fields always read it); ids and lists as they are."""
    data: dict[str, Any] = {}
    if instance is not None and instance.pk is not None:
        names = list(form_class._meta.fields)
        data = {k: v for k, v in forms.model_to_dict(instance, fields=names).items() if v is not None}
        data = {k: [getattr(i, "pk", i) for i in v] if isinstance(v, list) else v for k, v in data.items()}
    partial = instance is not None and instance.pk is not None  # a change: only what the body sets
    for name, value in {**body.model_dump(exclude_unset=partial), **extra}.items():
        if isinstance(value, str) and not is_text(value):
            raise FormRefused({name: [_("Not valid text (a lone surrogate character): nothing was saved.")]})
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value.isoformat() if hasattr(value, "isoformat") else value
    return data


def is_text(value: str) -> bool:
    """Whether `value` can be stored as UTF-8 (JSON can carry lone surrogates, which no database column takes)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def save_form(request: HttpRequest, form: Any, action: str, save: Any = None) -> Any:
    """Validate and save a page's form as the page does: the same checks and messages, the right asked on the
    values as saved (a record moved out of one's scope is refused), on the version `If-Match` names, in one
    transaction (the change log is written with it: the token's user, source "api")."""
    if not form.is_valid():
        raise FormRefused({name: [str(m) for m in messages] for name, messages in form.errors.items()})
    if not rights.may(request.user, action, form.instance):
        raise HttpError(403, _("You may not save this record here: it would lie outside your scope."))
    seen = seen_version(request)
    try:
        with transaction.atomic():
            if form.instance.pk is not None:
                check_version(locked(form.instance), seen)
            return save(form) if save is not None else form.save()
    except IntegrityError:
        raise HttpError(409, _("The record conflicts with another one (duplicate or invalid value).")) from None


def save_body(request: HttpRequest, form_class: Any, body: Schema, instance: Model | None = None) -> Any:
    """An API write as its page makes it: the page's form filled with the body (over the record's values for a
    change: only the fields sent), validated and saved by `save_form` — "add" for a new record (`instance`
    unsaved or None), "change" for a stored one."""
    form = form_class(form_data(form_class, body, instance), instance=instance, user=request.user)
    return save_form(request, form, "change" if instance is not None and instance.pk is not None else "add")


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

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        """Ninja's own answer, `{"detail": ...}`, with the two body errors it raises put into words."""
        detail = str(exc)
        if isinstance(exc.__cause__, NotAnObject):
            detail = _("The request body must be a JSON object ({...}): nothing was saved.")
        elif isinstance(exc.__cause__, ValueError):  # json.JSONDecodeError, UnicodeDecodeError
            detail = _("The request body is not valid JSON: nothing was saved.")
        return api.create_response(request, {"detail": detail}, status=exc.status_code)

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
            message = schema_message(error)
            errors[where] = f"{errors[where]} {message}" if where in errors else message
        in_body = any(tuple(e.get("loc", ()))[:1] == ("body",) for e in exc.errors)
        detail = _("Invalid data.") if in_body else _("Invalid parameter.")
        return api.create_response(request, {"detail": detail, "errors": errors}, status=400 if in_body else 422)

    @api.exception_handler(StaleEdit)
    def stale(request: HttpRequest, exc: StaleEdit) -> HttpResponse:
        return api.create_response(request, {"detail": exc.messages[0]}, status=409)

    @api.exception_handler(FormRefused)
    def refused(request: HttpRequest, exc: FormRefused) -> HttpResponse:
        errors = {name: " ".join(messages) for name, messages in exc.errors.items()}
        return api.create_response(request, {"detail": _("Invalid data."), "errors": errors}, status=400)

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
        detail = str(exc) or _("Your role may not do this.")
        return api.create_response(request, {"detail": detail}, status=403)

    @api.exception_handler(DjangoValidationError)
    def invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return api.create_response(request, {"detail": _("Invalid data."), "errors": errors}, status=400)
