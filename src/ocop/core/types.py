"""Types shared across apps, for annotations (mypy with django-stubs checks them in `make lint`)."""

from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest
from django.utils.functional import Promise

# Whoever a request is from: a signed-in account or the anonymous visitor. The rights table answers both.
RequestUser = User | AnonymousUser


class AuthenticatedHttpRequest(HttpRequest):
    """A request behind `login_required` / `LoginRequiredMixin`: its user is a signed-in account."""

    user: User


# A text for people: a str, or a translation made lazily (gettext_lazy) and read in the request's language.
if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise as StrOrPromise  # the stubs' lazy str type
else:
    StrOrPromise = str | Promise
