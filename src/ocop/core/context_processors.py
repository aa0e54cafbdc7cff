from django.http import HttpRequest

from ocop.core.site import site_url as public_address


def notifications(request: HttpRequest) -> dict[str, object]:
    """The unread count for the header (one cheap query, only for logged-in people)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": user.notifications.filter(read_at__isnull=True).count()}


def site_url(request: HttpRequest) -> dict[str, object]:
    """`site_url`: the public address for links a page hands on (og:url, og:image, canonical; core/site.py)."""
    return {"site_url": public_address(request)}
