"""Reading `unit` and `date` for a plan (pages and API alike): clear messages, nothing guessed."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.places.models import Unit
from ocop.programme.indicators.engine import check_day, check_unit
from ocop.programme.queries import default_unit, unit_visible


def read_unit(plan: Any, user: Any, raw: str | None) -> Unit:
    if not raw:
        return default_unit(user, plan)
    map_, _sep, code = raw.strip().rpartition(":")
    if map_ and map_ != plan.map:
        raise ValidationError({"unit": _("%(unit)s is not on the plan's map.") % {"unit": raw}})
    unit = Unit.objects.filter(map=plan.map, code=code.zfill(2) if len(code) < 2 else code).first()
    if unit is None:
        raise ValidationError({"unit": _("No unit has the code “%(code)s” on the plan's map.") % {"code": code}})
    try:
        check_unit(plan, unit)
    except ValidationError as error:
        raise ValidationError({"unit": error.messages}) from None
    if not unit_visible(user, unit):
        raise Http404
    return unit


def read_day(plan: Any, raw: str | None) -> datetime.date:
    if not raw:
        return min(timezone.localdate(), plan.ends_on)
    day = None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            day = datetime.datetime.strptime(raw.strip(), fmt).date()
            break
        except ValueError:
            continue
    if day is None:
        raise ValidationError(
            {"date": _("“%(value)s” is not a date (YYYY-MM-DD or dd/mm/yyyy).") % {"value": raw[:40]}}
        )
    try:
        check_day(plan, day)
    except ValidationError as error:
        raise ValidationError({"date": error.messages}) from None
    return day
