from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.management.base import CommandError


def acting_user(username: str | None) -> User:
    """Whose scope a command applies and who is recorded: --user, else a system administrator."""
    users = get_user_model().objects
    user = users.filter(username=username).first() if username else users.filter(is_superuser=True).first()
    if user is None:
        raise CommandError("No such user (or no system administrator to act as); pass --user.")
    return user
