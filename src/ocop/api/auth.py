"""Who is calling the API: a bearer token, or else a logged-in browser session.

A token is tried first and, when one is sent, alone: it is not ambient authority (a browser never adds it by
itself), so token calls need no CSRF token, and a bad token is refused rather than passed over to the session.
Session calls that change things need Django's CSRF token, as the staff pages' forms do.
"""

from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer
from ninja.security.session import SessionAuth
from ninja.utils import check_csrf

from ocop.core import throttle
from ocop.core.models import ApiToken


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
