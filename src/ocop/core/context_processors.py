from django.core.exceptions import DisallowedHost
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from ocop.core.site import site_url as public_address


def notifications(request: HttpRequest) -> dict[str, object]:
    """The unread count for the header (one cheap query, only for logged-in people)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": user.notifications.filter(read_at__isnull=True).count()}


def site_url(request: HttpRequest) -> dict[str, object]:
    """`site_url`: the public address for links a page hands on (og:url, og:image, canonical; core/site.py).
    Worked out only where a template uses it: an error page for a request whose Host is refused renders with
    this processor too, and reading that Host again would raise inside the error page."""

    def address() -> str:
        try:
            return public_address(request)
        except DisallowedHost:
            return ""

    return {"site_url": SimpleLazyObject(address)}
