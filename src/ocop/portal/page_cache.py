"""Rendered public pages kept for a minute (`OCOP_PAGE_CACHE_SECONDS`), so a busy product page costs a cache
lookup, not a render.

Only anonymous GETs are kept (no session cookie: a signed-in officer always sees fresh pages), per language
and full URL, under the catalogue's version (`state.version()`), which changes as soon as the catalogue, a
market record or a story does in this process and within a second in every other. The cache is Django's default
cache: Redis shared by every process and node when REDIS_URL is set (a page one renders serves them all), each
process's memory otherwise.
"""

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from ocop.portal.state import state

KEPT_HEADERS = ("Content-Type", "Content-Language")


def cached_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        timeout = settings.OCOP_PAGE_CACHE_SECONDS
        if not timeout or request.method not in ("GET", "HEAD") or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return view(request, *args, **kwargs)
        address = f"{state.version()}|{settings.OCOP_PORTAL_LAPSED}|{get_language()}|{request.get_full_path()}"
        key = "portal-page:" + hashlib.sha256(address.encode()).hexdigest()
        kept = cache.get(key)
        if kept is not None:
            content, headers = kept
            response = HttpResponse(content)
            for name, value in headers.items():
                response[name] = value
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
            cache.set(key, (response.content, headers), timeout)
        return response

    return wrapped
