"""Who is calling the API: a bearer token, or else a logged-in browser session.

A token is tried first and, when one is sent, alone: it is not ambient authority (a browser never adds it by
itself), so token calls need no CSRF token, and a bad token is refused rather than passed over to the session.
Session calls that change things need Django's CSRF token, as the staff pages' forms do.
"""

from typing import Any

from django.db.models import Model
from django.http import Http404, HttpRequest
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer
from ninja.security.session import SessionAuth
from ninja.utils import check_csrf

from ocop.core import rights, throttle
from ocop.core.models import ApiToken
from ocop.core.views import REFUSALS


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <key>` with a key made on the account page or by `ocop token create`.

    An unknown key counts as a failure for the caller's address (throttled like log-ins); an expired or revoked
    key, or one of a disabled account, is refused with the reason and is not counted: it is not a guess, and
    counting it would lock a whole office's address out because of one forgotten script."""

    def authenticate(self, request: HttpRequest, token: str) -> object:
        if not throttle.token_allowed(request):
            raise HttpError(429, throttle.token_lockout_message())
        found = ApiToken.objects.select_related("user").filter(key_hash=ApiToken.hash(token)).first()
        if found is None:
            throttle.token_failed(request)
            raise HttpError(401, _("Unknown API token: check the key, or create a new one on your account page."))
        if found.revoked:
            raise HttpError(401, _("This API token has been revoked."))
        if found.expired:
            day = formats.date_format(timezone.localtime(found.expires_at), "SHORT_DATE_FORMAT")
            raise HttpError(401, _("This API token expired on %(date)s: create a new one.") % {"date": day})
        if not found.user.is_active:
            raise HttpError(401, _("The account of this API token is disabled."))
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user  # scoping and the change log read request.user
        return found.user


class CsrfSessionAuth(SessionAuth):
    """django-ninja's session authentication, with the CSRF refusal explained in the reader's language."""

    def _get_key(self, request: HttpRequest) -> str | None:
        if self.csrf and not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(
                403,
                _(
                    "CSRF check failed: a change made with a browser session needs the CSRF token "
                    "(X-CSRFToken header); scripts should send a bearer token instead."
                ),
            )
        return request.COOKIES.get(self.param_name)


# The token first: see the module docstring.
SESSION_OR_TOKEN = [TokenAuth(), CsrfSessionAuth()]


# ------------------------------------------------------------------------------ rights before the body


def _record(request: HttpRequest, model: type[Model], param: str) -> Model:
    """The record the path names, among those the caller may view: any other id (or one no column can hold)
    reads as not there."""
    raw = (request.resolver_match.kwargs if request.resolver_match else {}).get(param, "")
    try:
        pk = int(raw)
    except (TypeError, ValueError):
        raise Http404 from None
    if not -(2**63) <= pk < 2**63:
        raise Http404
    obj = model.objects.for_user(request.user, "view").filter(pk=pk).first()  # type: ignore[attr-defined]  # in the table
    if obj is None:
        raise Http404
    return obj


Within = tuple[type[Model], str]  # a record type added under another (the parent's model, the link's name)


def _require(request: HttpRequest, action: str, model: type[Model], param: str | None, within: Within | None) -> None:
    """The rights table, asked once the caller is known and before the body is read: on the record the path
    names (out of sight → 404, in sight without the right → 403), else on the record type (no such right
    anywhere → 403). The operation asks again on the values it saves (`ocop.core.api.save_form`)."""
    if param is not None and within is not None:
        parent = _record(request, within[0], param)
        if not rights.may(request.user, action, model(**{within[1]: parent})):
            raise HttpError(403, str(REFUSALS.get(action, _("Your role may not do this."))))
        request.api_record = parent  # type: ignore[attr-defined]  # read by the operation
    elif param is not None:
        obj = _record(request, model, param)
        if not rights.may(request.user, action, obj):
            raise HttpError(403, str(REFUSALS.get(action, _("Your role may not do this."))))
        request.api_record = obj  # type: ignore[attr-defined]  # read by the operation, not looked up twice
    elif not rights.may(request.user, action, model):
        raise HttpError(403, str(REFUSALS.get(action, _("Your role may not do this."))))


class _GatedToken(TokenAuth):
    def __init__(self, action: str, model: type[Model], param: str | None, within: Within | None) -> None:
        super().__init__()
        self.action, self.model, self.param, self.within = action, model, param, within

    def __call__(self, request: HttpRequest) -> Any:
        user = super().__call__(request)
        if user:
            _require(request, self.action, self.model, self.param, self.within)
        return user


class _GatedSession(CsrfSessionAuth):
    def __init__(self, action: str, model: type[Model], param: str | None, within: Within | None) -> None:
        super().__init__()
        self.action, self.model, self.param, self.within = action, model, param, within

    def __call__(self, request: HttpRequest) -> Any:
        user = super().__call__(request)
        if user:
            _require(request, self.action, self.model, self.param, self.within)
        return user


# The OpenAPI document names security schemes by class: a gated operation uses the same two schemes.
_GatedToken.__name__, _GatedSession.__name__ = TokenAuth.__name__, CsrfSessionAuth.__name__


def gate(action: str, model: type[Model], param: str | None = None, within: Within | None = None) -> list[Any]:
    """An operation's `auth=`: the API's authentication, then the table's `action` on the record the path
    parameter `param` names (or on the record type; or, with `within`, on a new record under the parent the path
    names) — before the body is read, so that a refused caller learns nothing from a validation answer and a
    stranger's id reads 404 whatever was sent."""
    return [_GatedToken(action, model, param, within), _GatedSession(action, model, param, within)]
