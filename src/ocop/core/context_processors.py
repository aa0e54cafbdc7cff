from django.http import HttpRequest


def notifications(request: HttpRequest) -> dict[str, object]:
    """The unread count for the header (one cheap query, only for logged-in people)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": user.notifications.filter(read_at__isnull=True).count()}
