"""What the API keeps of its own: the first answer to each `Idempotency-Key`, and webhook subscriptions with the
log of their deliveries."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ocop.core.history import track
from ocop.core.rights import RightsQuerySet

EVENTS = {
    "certificate.issued": _("Certificate issued"),
    "certificate.revoked": _("Certificate revoked"),
    "certificate.window_open": _("Certificate entering its re-evaluation window"),
    "certificate.expired": _("Certificate expired"),
    "dossier.state_changed": _("Dossier state changed"),
    "inspection.decided": _("Inspection outcome decided"),
}


class IdempotentRequest(models.Model):
    """One `Idempotency-Key` of one caller (a token, or a signed-in person): the body's hash and the answer
    given, replayed as it was for the same body, refused for another."""

    token = models.ForeignKey("core.ApiToken", on_delete=models.CASCADE, null=True, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=500)
    body_hash = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField(null=True)  # null while the first request is being answered
    content_type = models.CharField(max_length=100, blank=True)
    answer = models.BinaryField(default=b"")
    etag = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "token", "key"], name="idempotency_key_once_per_caller"),
            models.UniqueConstraint(
                fields=["user", "key"], condition=models.Q(token__isnull=True), name="idempotency_key_once_per_session"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.method} {self.path} · {self.key}"


def new_secret() -> str:
    return secrets.token_urlsafe(32)


@track(exclude=("secret",))
class Subscription(models.Model):
    """An office's (or one token's) wish to hear of events on the records its owner may view, at an HTTPS URL,
    signed with a secret shared with the receiver."""

    scope_unit_field = "unit"  # the office whose subscription it is
    scope_owner_field = "owner"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("created by")
    )
    unit = models.ForeignKey(
        "places.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("office")
    )
    token = models.ForeignKey(
        "core.ApiToken", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("token")
    )
    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(_("URL"), max_length=500)
    events = models.JSONField(_("events"), default=list)
    secret = models.CharField(_("signing secret"), max_length=64, default=new_secret, editable=False)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = RightsQuerySet.as_manager()

    class Meta:
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} → {self.url}"


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("Waiting")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed (no more retries)")


class Delivery(models.Model):
    """One event sent (or to be sent) to one subscription, with every attempt's outcome."""

    scope_unit_field = "subscription__unit"
    scope_owner_field = "subscription__owner"

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(_("event"), max_length=40)
    event_id = models.CharField(max_length=40)
    payload = models.JSONField(_("body"))
    state = models.CharField(_("state"), max_length=10, choices=DeliveryState.choices, default=DeliveryState.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_status = models.PositiveSmallIntegerField(_("last answer"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = RightsQuerySet.as_manager()

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.event} → {self.subscription.url}"
