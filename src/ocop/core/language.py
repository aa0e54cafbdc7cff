"""Vietnamese for everyone unless they choose English — whatever language the browser asks for.

The interface is Vietnamese-first: an office's computer set up in English still gets Vietnamese pages. A person
who chooses English (the switch in the header, or the portal's link) keeps it: anonymous visitors through the
language cookie, signed-in people through their `Preference`, copied into the session when they sign in, so
it follows them to another browser. The JSON API keeps honouring `Accept-Language` (docs/api.md): its clients
are programs that ask for a language on purpose.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views import i18n

SESSION_KEY = "ocop_language"


def chosen_language(request: HttpRequest) -> str:
    supported = dict(settings.LANGUAGES)
    if request.path.startswith("/api/"):
        return translation.get_language_from_request(request)
    session = getattr(request, "session", None)
    remembered = session.get(SESSION_KEY) if session is not None else None
    for candidate in (remembered, request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)):
        if candidate in supported:
            return candidate
    return settings.LANGUAGE_CODE


class LanguageMiddleware:
    """Takes the place of Django's LocaleMiddleware, which would follow the browser's Accept-Language."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        translation.activate(chosen_language(request))
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language",) if request.path.startswith("/api/") else ("Cookie",))
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response


def remember(request: HttpRequest, code: str) -> None:
    """Keep a signed-in person's choice on their account and in this session (anonymous: the cookie only)."""
    from ocop.core.models import Preference

    user = getattr(request, "user", None)
    if code not in dict(settings.LANGUAGES) or user is None or not user.is_authenticated:
        return
    Preference.objects.update_or_create(user=user, defaults={"language": code})
    request.session[SESSION_KEY] = code


def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch (it sets the cookie and goes back), remembering a signed-in person's choice."""
    response = i18n.set_language(request)
    if request.method == "POST":
        remember(request, request.POST.get("language", ""))
    return response


@receiver(user_logged_in, dispatch_uid="ocop-language-at-login")
def language_at_login(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    from ocop.core.models import Preference

    if request is None or not hasattr(request, "session"):
        return
    code = Preference.objects.filter(user=user).values_list("language", flat=True).first()
    if code:
        request.session[SESSION_KEY] = code
