"""Scope of records placed on a unit (events, sales points, villages, statuses, activities).

Offices see what lies in their unit; records open to all (a national fair, an e-commerce platform without a
unit) are visible to every account; producer accounts see their own province's records and their own.
"""

from typing import Any

from django.db.models import Q

from ocop.core import scoping
from ocop.core.choices import RoleKind
from ocop.core.scoping import ScopedQuerySet
from ocop.places.queries import path_filter, scope_prefixes


def producer_province_prefixes(role: Any) -> list[str]:
    """The producer's province on both maps: a producer still registered on an old-map commune lives in the
    province that became (the provincial fair of 2026 is placed on the new map)."""
    from ocop.places.choices import Level, MapVersion
    from ocop.places.models import Unit

    if not role.producer_id:
        return []
    commune = Unit.objects.select_related("parent__parent").get(pk=role.producer.commune_id)  # one query, not three
    province = commune.ancestors()[0] if commune.parent_id else commune
    provinces = [province]
    if province.map == MapVersion.LEGACY:
        provinces += Unit.objects.filter(successions_in__predecessor=province, level=Level.PROVINCE)
    return sorted({prefix for unit in provinces for prefix in scope_prefixes(unit)})


class PlacedQuerySet(ScopedQuerySet):
    def open_q(self) -> Q:
        return Q(unit__isnull=True)

    def for_user(self, user: Any) -> "PlacedQuerySet":
        if getattr(user, "is_superuser", False) and user.is_active:
            return self
        role = scoping.role_of(user)
        if role is None or not user.is_active:
            return self.none()
        if role.kind == RoleKind.PRODUCER:
            own = Q(**{self.model.scope_producer_field: role.producer_id}) if self.model.scope_producer_field else Q()
            visible = path_filter("unit", producer_province_prefixes(role)) | self.open_q()
            return self.filter(visible | own if own else visible)
        prefixes = scoping.unit_prefixes(user) or []
        # A commune officer also sees what its district and province hold (the provincial fair, the district's
        # showroom centre), to register its producers and list their products there.
        above = {prefix[: i + 1] for prefix in prefixes for i, ch in enumerate(prefix[:-1]) if ch == "/" and i > 0}
        return self.filter(path_filter("unit", prefixes) | Q(unit__path__in=above - set(prefixes)) | self.open_q())
