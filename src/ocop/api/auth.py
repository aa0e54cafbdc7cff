from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, django_auth

from ocop.core.models import ApiToken


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <key>` with a key issued by `ocop token create` (or revoked in the admin)."""

    def authenticate(self, request: HttpRequest, token: str) -> object | None:
        found = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=ApiToken.hash(token), revoked=False, user__is_active=True)
            .first()
        )
        if found is None:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user  # scoping and the change log read request.user
        return found.user


SESSION_OR_TOKEN = [django_auth, TokenAuth()]
