"""`Idempotency-Key` on the API's POSTs: a caller (a token, or a signed-in person) that sends the same key again
gets the first answer again, and nothing is done twice; the same key with another body (or on another operation)
is refused with 422; while the first request is still being answered, 409.

Only a successful answer (2xx) is kept: a refused request changed nothing, so the key stays free for a retry
once the caller has fixed what was wrong."""

import datetime
import hashlib
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.api.models import IdempotentRequest
from ocop.core import daily
from ocop.core.models import ApiToken

HEADER = "Idempotency-Key"
MAX_KEY = 255
KEPT_FOR = datetime.timedelta(hours=24)  # a key's answer is replayed this long, then forgotten (the daily run)
ABANDONED = datetime.timedelta(minutes=2)  # a first request that never finished (its worker died): taken over


def _refuse(status: int, detail: str) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status, json_dumps_params={"ensure_ascii": False})


def _caller(request: HttpRequest) -> tuple[ApiToken | None, Any]:
    """Whose key it is: the bearer token sent (alone, as the API decides), else the session's person."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        token = ApiToken.objects.filter(key_hash=ApiToken.hash(header[7:].strip())).select_related("user").first()
        usable = token is not None and not token.revoked and not token.expired and token.user.is_active
        return (token, token.user) if usable and token is not None else (None, None)
    user = getattr(request, "user", None)
    return (None, user) if user is not None and user.is_authenticated else (None, None)


class IdempotencyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = request.headers.get(HEADER)
        if request.method != "POST" or key is None or not request.path.startswith("/api/"):
            return self.get_response(request)
        token, user = _caller(request)
        if user is None:
            return self.get_response(request)  # the API answers 401 itself
        if not key.strip() or len(key) > MAX_KEY or not key.isprintable():
            return _refuse(400, _("Idempotency-Key must be 1 to 255 printable characters."))
        digest = hashlib.sha256(request.path.encode() + b"\n" + request.body).hexdigest()
        entry, replay = self._claim(token, user, key, request, digest)
        if replay is not None:
            return replay
        try:
            response = self.get_response(request)
        except Exception:
            IdempotentRequest.objects.filter(pk=entry.pk).delete()
            raise
        if 200 <= response.status_code < 300 and not response.streaming:
            IdempotentRequest.objects.filter(pk=entry.pk).update(
                status=response.status_code,
                content_type=response.get("Content-Type", ""),
                answer=response.content,
                etag=response.get("ETag", ""),
            )
        else:
            IdempotentRequest.objects.filter(pk=entry.pk).delete()
        return response

    def _claim(
        self, token: ApiToken | None, user: Any, key: str, request: HttpRequest, digest: str
    ) -> tuple[IdempotentRequest, HttpResponse | None]:
        """The key's entry, made now (then no answer yet) or found (then the answer to give instead)."""
        try:
            with transaction.atomic():
                entry = IdempotentRequest.objects.create(
                    token=token, user=user, key=key, method="POST", path=request.path[:500], body_hash=digest
                )
            return entry, None
        except IntegrityError:
            pass
        found = IdempotentRequest.objects.get(user=user, token=token, key=key)
        if found.status is not None and timezone.now() - found.created_at >= KEPT_FOR:
            IdempotentRequest.objects.filter(pk=found.pk).delete()  # the key's day is over: a new request
            return self._claim(token, user, key, request, digest)
        if found.body_hash != digest:
            return found, _refuse(
                422,
                _(
                    "This Idempotency-Key was already used with another request (another body or operation): "
                    "nothing was done. Use a new key for a new request."
                ),
            )
        if found.status is None:
            if timezone.now() - found.created_at < ABANDONED:
                return found, _refuse(
                    409, _("The first request with this Idempotency-Key is still being answered: try again shortly.")
                )
            IdempotentRequest.objects.filter(pk=found.pk).update(created_at=timezone.now())
            return found, None
        answer = HttpResponse(found.answer, status=found.status, content_type=found.content_type or None)
        answer["Idempotent-Replayed"] = "true"
        if found.etag:
            answer["ETag"] = found.etag
        return found, answer


@daily.register(31)
def forget_old_keys(day: datetime.date) -> int:
    """Answers kept for replay hold what the first request returned (a webhook's secret, a producer's details):
    they are deleted once their day is over."""
    deleted, _by_model = IdempotentRequest.objects.filter(created_at__lt=timezone.now() - KEPT_FOR).delete()
    return deleted
