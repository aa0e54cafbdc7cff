"""The one scoping rule: `Model.objects.for_user(user)` decides what a person may see.

Every page, API endpoint and export starts from it; anything outside is answered with 404.
Models declare how they are placed: `scope_unit_field` (the path to their commune) and
`scope_producer_field` (the path to their producer).
"""

from typing import Any

from django.db import models
from django.db.models import Q

from ocop.core.choices import RoleKind

EDITOR_ROLES = {RoleKind.PROVINCE_OFFICE, RoleKind.COMMUNE_OFFICER, RoleKind.PRODUCER}


def role_of(user: Any) -> Any:
    """The user's Role, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_ocop_role_cache"):
        from ocop.core.models import Role

        user._ocop_role_cache = Role.objects.select_related("unit", "producer").filter(user=user).first()
    return user._ocop_role_cache


def unit_prefixes(user: Any) -> list[str] | None:
    """Path prefixes the user's unit covers; None means everything (system administrator)."""
    if getattr(user, "is_superuser", False):
        return None
    role = role_of(user)
    if role is None or role.unit is None:
        return []
    if not hasattr(user, "_ocop_prefixes_cache"):
        from ocop.places.queries import scope_prefixes

        user._ocop_prefixes_cache = scope_prefixes(role.unit)
    return user._ocop_prefixes_cache


def scope_q(user: Any, unit_field: str, producer_field: str) -> Q | None:
    """The filter for what `user` may see; None means no restriction."""
    from ocop.places.queries import path_filter

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    if user.is_superuser:
        return None
    role = role_of(user)
    if role is None:
        return Q(pk__in=[])
    if role.kind == RoleKind.PRODUCER:
        return Q(**{producer_field: role.producer_id})
    return path_filter(unit_field, unit_prefixes(user) or [])


def can_edit(user: Any) -> bool:
    """Whether the user may change records (those in their scope). Viewers only read."""
    if getattr(user, "is_superuser", False):
        return True
    role = role_of(user)
    return role is not None and role.kind in EDITOR_ROLES


def can_decide(user: Any) -> bool:
    """Recording and revoking certificates is the province's (the chair decides; the office records)."""
    role = role_of(user)
    return getattr(user, "is_superuser", False) or (role is not None and role.kind == RoleKind.PROVINCE_OFFICE)


def can_manage_producers(user: Any) -> bool:
    """Creating or deleting producers is for offices, not for producer accounts or viewers."""
    role = role_of(user)
    return getattr(user, "is_superuser", False) or (
        role is not None and role.kind in (RoleKind.PROVINCE_OFFICE, RoleKind.COMMUNE_OFFICER)
    )


class ScopedQuerySet(models.QuerySet):
    def for_user(self, user: Any) -> "ScopedQuerySet":
        q = scope_q(user, self.model.scope_unit_field, self.model.scope_producer_field)
        return self if q is None else self.filter(q)
