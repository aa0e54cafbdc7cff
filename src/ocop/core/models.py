"""Cross-cutting records: the change log, people's roles (their scope) and API tokens."""

import datetime
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ocop.core.choices import Action, RoleKind, Source
from ocop.core.history import track
from ocop.core.rights import RightsQuerySet
from ocop.core.rights.table import ROLE_LEVELS, role_shape

# Facts the log records that are not fields of the record (an account unlocked: core/accounts.py).
RECORDED_FACTS = {"login_locked": _("locked out of logging in"), "failed_logins": _("failed log-ins")}


class ChangeLog(models.Model):
    """One create/update/delete of a tracked record: who, when, before/after, and its group."""

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("user")
    )
    user_label = models.CharField(_("by"), max_length=150, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    group_id = models.UUIDField(_("request or job id"), db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name=_("kind"))
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=255)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    before = models.JSONField(_("before"), encoder=DjangoJSONEncoder, default=dict)
    after = models.JSONField(_("after"), encoder=DjangoJSONEncoder, default=dict)
    # Where the record sat when it changed, so the global log is scoped like the records themselves.
    unit_path = models.CharField(max_length=64, blank=True, db_index=True)
    producer_id = models.BigIntegerField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("change history")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr}"

    def changed_fields(self, with_names: bool = False) -> list[tuple[Any, ...]]:
        """(field label in the user's language, before, after) for every field the change touched; with
        `with_names`, (field, label, before, after). Shown to people through `ocop.core.changes`, which hides
        personal fields from those without the right."""
        model = self.content_type.model_class()
        labels = {key: str(label) for key, label in RECORDED_FACTS.items()}
        labels |= {f.attname: str(f.verbose_name) for f in model._meta.concrete_fields} if model else {}
        keys = sorted(set(self.before) | set(self.after))
        if with_names:
            return [(key, labels.get(key, key), self.before.get(key), self.after.get(key)) for key in keys]
        return [(labels.get(key, key), self.before.get(key), self.after.get(key)) for key in keys]


@track()
class Role(models.Model):
    """What a person does here and over which part of the map or which producer (their scope)."""

    # Where an account sits, for the rights table: its unit, or its producer's commune.
    scope_unit_field = ("unit", "producer__commune")
    scope_producer_field = "producer"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ocop_role", verbose_name=_("user")
    )
    kind = models.CharField(_("role"), max_length=20, choices=RoleKind.choices)
    unit = models.ForeignKey(
        "places.Unit", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("administrative unit")
    )
    producer = models.ForeignKey(
        "registry.Producer", on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("producer")
    )

    objects = RightsQuerySet.as_manager()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.CheckConstraint(
                condition=role_shape(),
                name="role_scope_matches_kind",
                violation_error_message=_(
                    "A producer account needs a producer; every other role needs an administrative unit."
                ),
            )
        ]

    def __str__(self) -> str:
        target = self.producer if self.producer_id else self.unit
        return f"{self.user} — {self.get_kind_display()} ({target})"

    def clean(self) -> None:
        level = ROLE_LEVELS.get(self.kind)
        if level and self.unit is not None and self.unit.level != level:
            messages = {
                "province": _("A province office is assigned a province."),
                "commune": _("A commune officer is assigned a commune."),
                "country": _("The national OCOP office is assigned the whole country."),
            }
            raise ValidationError({"unit": messages[level]})


class Preference(models.Model):
    """A person's own settings, kept across sessions and devices: the interface language they chose."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ocop_preference", verbose_name=_("user")
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)

    class Meta:
        verbose_name = _("preference")
        verbose_name_plural = _("preferences")

    def __str__(self) -> str:
        return f"{self.user}: {self.language}"


TOKEN_STATES = {"active": _("active"), "expired": _("expired"), "revoked": _("revoked")}


@track(exclude=("key_hash", "last_used_at"))
class ApiToken(models.Model):
    """A bearer token for the JSON API. Only its hash is stored; the key is shown once. It expires, and its
    owner (or the system administrator) can revoke it."""

    scope_owner_field = "user"  # the rights table's reach "self"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked = models.BooleanField(_("revoked"), default=False)

    objects = RightsQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, user: object, name: str, days: int | None = None) -> tuple["ApiToken", str]:
        """A new token living `days` days (default `OCOP_API_TOKEN_DAYS`), and its key, which is not kept."""
        # "ocop_<hex prefix>_<secret>": the prefix names the token in lists and on the command line.
        prefix = secrets.token_hex(4)
        key = f"ocop_{prefix}_{secrets.token_urlsafe(32)}"
        now = timezone.now()
        expires = now + datetime.timedelta(days=days or settings.OCOP_API_TOKEN_DAYS)
        token = cls.objects.create(
            user=user, name=name, prefix=prefix, key_hash=cls.hash(key), created_at=now, expires_at=expires
        )
        return token, key

    @property
    def expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def state(self) -> str:
        """ "active", "expired" or "revoked" (a revoked token reads as revoked, whatever its date)."""
        return "revoked" if self.revoked else "expired" if self.expired else "active"

    def state_label(self) -> str:
        return str(TOKEN_STATES[self.state])

    def revoke(self) -> None:
        self.revoked = True
        self.save(update_fields=["revoked"])


class Notification(models.Model):
    """An in-app message for one person (reminders, results). `key` makes sending idempotent."""

    scope_owner_field = "user"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    key = models.CharField(max_length=120)
    title = models.CharField(_("title"), max_length=255)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    objects = RightsQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="notification_once_per_key")]

    def __str__(self) -> str:
        return self.title
