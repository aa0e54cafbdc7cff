"""Types shared across apps, for annotations (mypy with django-stubs checks them in `make lint`).

Importable before Django is set up (the command line reads it early): the user model is imported for the type
checker only, and the aliases stand for Any at run time, where nothing reads them."""

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest
from django.utils.functional import Promise

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User
    from django_stubs_ext import StrOrPromise as StrOrPromise  # the stubs' lazy str type

    # Whoever a request is from: a signed-in account or the anonymous visitor. The rights table answers both.
    RequestUser = User | AnonymousUser
else:
    RequestUser = Any
    # A text for people: a str, or a translation made lazily (gettext_lazy) and read in the request's language.
    StrOrPromise = str | Promise


class AuthenticatedHttpRequest(HttpRequest):
    """A request behind `login_required` / `LoginRequiredMixin`: its user is a signed-in account."""

    user: "User"
