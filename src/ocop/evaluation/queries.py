"""Read questions about evaluation asked outside its own pages: rounds of a person's area, whose turn it is."""

import datetime
from typing import Any

from django.db.models import QuerySet

from ocop.core import scoping
from ocop.evaluation.models import Round
from ocop.places.models import Unit
from ocop.places.picker import register_source


def rounds_in_area(user: Any) -> QuerySet:
    """Rounds of the provinces the person's scope lies in: a commune officer sees its province's rounds (their
    deadlines are the commune's too); the system administrator sees every round."""
    prefixes = scoping.unit_prefixes(user)
    if prefixes is None:
        return Round.objects.all()
    # "2025/75/25363/" lies in the province "2025/75/"; a province's own prefix is its path.
    provinces = {"/".join(prefix.split("/")[:2]) + "/" for prefix in prefixes}
    return Round.objects.filter(province__path__in=provinces)


def current_rounds(user: Any, today: datetime.date) -> QuerySet:
    """Rounds of the area not yet closed on `today`, the nearest deadline first."""
    return rounds_in_area(user).filter(closes_on__gte=today).select_related("province").order_by("commune_deadline")


@register_source("round.provinces")
def round_provinces(user: Any, params: Any = None) -> QuerySet:
    """Provinces (of the new map) a province office may open an evaluation round for."""
    qs = Unit.objects.filter(level="province", map="2025")
    return qs if user.is_superuser else qs.under_any(scoping.unit_prefixes(user) or [])
