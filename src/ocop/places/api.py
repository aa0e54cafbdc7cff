"""GET /api/v1/units — the map on a date; GET /api/v1/units/<code> — one unit with its history."""

import datetime

from django.db.models import Case, IntegerField, Value, When
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from ocop.core.api import FilterError, answers
from ocop.core.text import fold
from ocop.places.choices import LEGACY_LAST_DAY, REFORM_DATE, Level, MapVersion, map_at
from ocop.places.models import Unit
from ocop.places.queries import find_unit

router = Router(auth=None)  # the administrative map is public reference data


class UnitRef(Schema):
    key: str = Field(description='Unique across maps: "<map>:<code>", e.g. "legacy:70" or "2025:75".')
    map: MapVersion
    code: str
    level: Level
    name: str


class UnitOut(UnitRef):
    division_type: str
    short_name: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    parent: UnitRef | None


class SuccessionOut(Schema):
    unit: UnitRef
    on: datetime.date
    partial: bool


class UnitDetail(UnitOut):
    ancestors: list[UnitRef]
    predecessors: list[SuccessionOut]
    successors: list[SuccessionOut]


def ref(unit: Unit) -> dict:
    return {"key": unit.key, "map": unit.map, "code": unit.code, "level": unit.level, "name": unit.name}


def out(unit: Unit) -> dict:
    return {
        **ref(unit),
        "division_type": unit.division_type,
        "short_name": unit.short_name,
        "valid_from": unit.valid_from,
        "valid_to": unit.valid_to,
        "parent": ref(unit.parent) if unit.parent else None,
    }


@router.get("", response=answers(list[UnitOut], 400, 422), summary="Units under a unit (or the provinces) on a date")
def list_units(
    request: HttpRequest,
    parent: str | None = None,
    at: datetime.date | None = None,
    level: Level | None = None,
    map: MapVersion | None = None,
    q: str | None = None,
) -> list[dict]:
    """Children of `parent` valid on `at`. Without `parent`: the provinces of that date's map, or with `q`,
    the units of any level whose name matches (at most 100).

    `at` defaults to today, or with `map=legacy` to its last day (30/06/2025). `parent` is an official code
    ("70", "689") or a key ("legacy:70"), looked up on the map valid at `at`; a parent that did not exist on
    `at` is a 400. `level=commune` under a province of the old map lists its communes through the districts.
    `q` searches names ignoring diacritics and case ("dong phu" finds "Huyện Đồng Phú").
    """
    day = at or (LEGACY_LAST_DAY if map == MapVersion.LEGACY else max(timezone.localdate(), REFORM_DATE))
    if parent:
        unit = find_unit(parent, at=day, map=map)
        if unit is None:
            raise FilterError({"parent": _("No administrative unit has the code “%(code)s”.") % {"code": parent}})
        if not unit.is_valid_at(day):
            message = _("%(unit)s did not exist on %(day)s.") % {"unit": unit.name, "day": day.strftime("%d/%m/%Y")}
            raise FilterError({"parent": message})
        qs = Unit.objects.filter(path__startswith=unit.path, level=level) if level else unit.children.all()
    elif q:
        qs = Unit.objects.filter(map=map or map_at(day), **({"level": level} if level else {}))
    else:
        qs = Unit.objects.filter(level=level or Level.PROVINCE, map=map or map_at(day))
    if q:
        for word in fold(q).split():
            qs = qs.filter(search_text__contains=word)
    # Larger units first: "dong phu" should show the district before the communes that merely contain it.
    rank = Case(*(When(level=lvl, then=Value(i)) for i, lvl in enumerate(Level.values)), output_field=IntegerField())
    units = qs.valid_at(day).select_related("parent").order_by(rank, "code")
    return [out(u) for u in (units[:100] if q and not parent else units)]


@router.get(
    "/{code}",
    response=answers(UnitDetail, 400, 404, 422),
    summary="One unit with its validity, parents and succession",
)
def unit_detail(
    request: HttpRequest, code: str, at: datetime.date | None = None, map: MapVersion | None = None
) -> dict:
    """`code` is looked up on `map`, else on the map valid at `at` (default today), else on the other map."""
    unit = find_unit(code, at=at, map=map)
    if unit is None:
        raise Http404
    predecessors = unit.successions_in.select_related("predecessor").order_by("predecessor__code")
    successors = unit.successions_out.select_related("successor").order_by("successor__code")
    return {
        **out(unit),
        "ancestors": [ref(u) for u in unit.ancestors()],
        "predecessors": [{"unit": ref(s.predecessor), "on": s.on, "partial": s.partial} for s in predecessors],
        "successors": [{"unit": ref(s.successor), "on": s.on, "partial": s.partial} for s in successors],
    }
