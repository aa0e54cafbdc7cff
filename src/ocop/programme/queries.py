"""Who sees which plan and which of its units: a plan is seen by the accounts whose scope touches its
province; a unit's numbers by those whose scope covers the unit (a commune officer sees the commune's)."""

from typing import Any

from django.db.models import QuerySet

from ocop.core import scoping
from ocop.core.choices import RoleKind
from ocop.places.models import Unit
from ocop.places.picker import register_source
from ocop.programme.models import Plan


def plans_for(user: Any) -> QuerySet:
    plans = Plan.objects.select_related("province")
    prefixes = scoping.unit_prefixes(user)
    if prefixes is None:
        return plans
    role = scoping.role_of(user)
    if role is None or role.kind == RoleKind.PRODUCER or not prefixes:
        return plans.none()
    visible = [
        p.pk for p in plans if any(p.province.path.startswith(x) or x.startswith(p.province.path) for x in prefixes)
    ]
    return plans.filter(pk__in=visible)


def unit_visible(user: Any, unit: Unit) -> bool:
    prefixes = scoping.unit_prefixes(user)
    return prefixes is None or any(unit.path.startswith(prefix) for prefix in prefixes)


def default_unit(user: Any, plan: Plan) -> Unit:
    """The plan's province for those who see it whole; otherwise the highest unit of the plan's map in scope."""
    if unit_visible(user, plan.province):
        return plan.province
    units = Unit.objects.filter(map=plan.map, path__startswith=plan.province.path).order_by("path")
    return next((u for u in units if unit_visible(user, u)), plan.province)


def plan_units(user: Any, plan: Plan) -> QuerySet:
    """The units of the plan's map and province whose numbers the person may see (the dashboard's choice)."""
    units = Unit.objects.filter(map=plan.map, path__startswith=plan.province.path)
    prefixes = scoping.unit_prefixes(user)
    return units if prefixes is None else units.under_any(prefixes)


@register_source("plan")
def plan_units_source(user: Any, params: Any) -> QuerySet:
    plan = plans_for(user).filter(slug=params.get("plan", "")).first() if params else None
    return plan_units(user, plan) if plan is not None else Unit.objects.none()
