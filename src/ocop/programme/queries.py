"""Who sees which plan and which of its units: a plan is seen by the accounts whose scope touches its
province; a unit's numbers by those whose scope covers the unit (a commune officer sees the commune's)."""

from collections.abc import Mapping

from django.db.models import QuerySet

from ocop.core import rights
from ocop.core.types import RequestUser
from ocop.places.models import Unit, UnitQuerySet
from ocop.places.picker import register_source
from ocop.programme.models import Plan


def plans_for(user: RequestUser) -> QuerySet:
    """The plans of the province one's unit lies in (the rights table: a commune officer sees its province's)."""
    return Plan.objects.for_user(user).select_related("province")


def unit_visible(user: RequestUser, unit: Unit) -> bool:
    """Whether one may see the figures of this unit (the rights table: one's own unit and those below it)."""
    return rights.may(user, "figures", unit)


def default_unit(user: RequestUser, plan: Plan) -> Unit:
    """The plan's province for those who see it whole; otherwise the highest unit of the plan's map in scope."""
    if unit_visible(user, plan.province):
        return plan.province
    units = Unit.objects.filter(map=plan.map, path__startswith=plan.province.path).order_by("path")
    return next((u for u in units if unit_visible(user, u)), plan.province)


def plan_units(user: RequestUser, plan: Plan) -> UnitQuerySet:
    """The units of the plan's map and province whose numbers the person may see (the dashboard's choice)."""
    units = Unit.objects.filter(map=plan.map, path__startswith=plan.province.path)
    prefixes = rights.prefixes(user)
    return units if prefixes is None else units.under_any(prefixes)


@register_source("plan")
def plan_units_source(user: RequestUser, params: Mapping[str, str] | None) -> UnitQuerySet:
    plan = plans_for(user).filter(slug=params.get("plan", "")).first() if params else None
    return plan_units(user, plan) if plan is not None else Unit.objects.none()
