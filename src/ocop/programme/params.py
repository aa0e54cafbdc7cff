"""Reading `unit` and `date` for a plan (pages and API alike): clear messages, nothing guessed."""

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.core.filters import is_code
from ocop.core.types import RequestUser
from ocop.places import picker
from ocop.places.models import Unit
from ocop.programme.indicators.engine import check_day, check_unit
from ocop.programme.queries import default_unit, plan_units, unit_visible

if TYPE_CHECKING:
    from ocop.programme.models import Plan


class UnitNotChosen(ValidationError):
    """A name that matched several units of the plan (or none): `matches` are offered to choose from."""

    def __init__(self, message: str, matches: list[Unit]) -> None:
        super().__init__({"unit": message})
        self.matches = matches


def read_unit(plan: "Plan", user: RequestUser, raw: str | None) -> Unit:
    """A code or key ("688", "legacy:688", as links carry them) or a name, as the unit picker sends it."""
    if not raw:
        return default_unit(user, plan)
    if is_code(raw.strip()):
        map_, _sep, code = raw.strip().rpartition(":")
        if map_ and map_ != plan.map:
            raise ValidationError({"unit": _("%(unit)s is not on the plan's map.") % {"unit": raw}})
        unit = Unit.objects.filter(map=plan.map, code=code.zfill(2) if len(code) < 2 else code).first()
        if unit is None:
            message = _("No unit has the code “%(code)s” on the plan's map.") % {"code": code}
            raise ValidationError({"unit": message})
    else:
        reading = picker.read(raw, plan_units(user, plan))
        if reading.unit is None:
            raise UnitNotChosen(picker.problem(raw, reading), reading.matches)
        unit = reading.unit
    try:
        check_unit(plan, unit)
    except ValidationError as error:
        raise ValidationError({"unit": error.messages}) from None
    if not unit_visible(user, unit):
        raise Http404
    return unit


def read_day(plan: "Plan", raw: str | None) -> datetime.date:
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
