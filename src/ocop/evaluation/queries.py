"""Read questions about evaluation asked outside its own pages: rounds of a person's area, whose turn it is."""

import datetime
from collections.abc import Mapping

from django.db.models import QuerySet

from ocop.core import rights
from ocop.core.types import RequestUser
from ocop.evaluation.models import Round
from ocop.places.models import Unit, UnitQuerySet
from ocop.places.picker import register_source


def rounds_in_area(user: RequestUser) -> QuerySet:
    """Rounds the person may see: a commune officer sees its province's rounds (their deadlines are the
    commune's too); producers their province's (the rights table)."""
    return Round.objects.for_user(user)


def current_rounds(user: RequestUser, today: datetime.date) -> QuerySet:
    """Rounds of the area not yet closed on `today`, the nearest deadline first."""
    return rounds_in_area(user).filter(closes_on__gte=today).select_related("province").order_by("commune_deadline")


@register_source("round.provinces")
def round_provinces(user: RequestUser, params: Mapping[str, str] | None = None) -> UnitQuerySet:
    """Provinces (of the new map) a province office may open an evaluation round for."""
    provinces = Unit.objects.filter(level="province", map="2025")
    return provinces.filter(pk__in=[u.pk for u in provinces if rights.may(user, "add", Round(province=u))])
