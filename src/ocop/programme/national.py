"""The national dashboard's figures: every indicator of a national plan (a plan placed on the whole country) for
the country and for each province of the plan's map side by side, a ranking, the products holding a valid 5★
certificate, and each province's own plans for the drill-down.

Read through the indicator engine's public interface (`PlanIndicators.results`, `.members`), which reads the plan's
data once; the rest is a fixed handful of queries, whatever the number of provinces."""

import datetime
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ocop.core.text import fold
from ocop.core.types import RequestUser
from ocop.places.choices import Level, MapVersion
from ocop.places.models import Succession, Unit
from ocop.places.queries import bare_name
from ocop.places.seats import PROVINCE_SEATS
from ocop.programme import disclosure
from ocop.programme.choices import IndicatorStatus
from ocop.programme.indicators.definitions import BY_CODE, COUNT, Indicator
from ocop.programme.indicators.engine import PlanIndicators, Result, project, status
from ocop.programme.indicators.sql import FIVE_STAR
from ocop.programme.loader import DATA
from ocop.programme.models import Plan
from ocop.programme.queries import plans_for

SORT_KEYS = ("name", "met", FIVE_STAR, *BY_CODE)
DEFAULT_SORT = "cumulative_products"


def is_national(plan: Plan) -> bool:
    """A plan placed on the whole country (its "province" is the country's unit) rather than on a province."""
    return plan.province.level == Level.COUNTRY


def children_of(unit: Unit) -> list[Unit]:
    """The units a dashboard lists below `unit`: the country's are the provinces of its map (they keep no parent)."""
    if unit.level == Level.COUNTRY:
        return list(Unit.objects.filter(map=unit.map, level=Level.PROVINCE).order_by("code"))
    return list(unit.children.order_by("code"))


def ancestors_in(plan: Plan, unit: Unit) -> list[Unit]:
    """The breadcrumb above `unit` within the plan: for a national plan, the country above the province."""
    chain = [a for a in unit.ancestors() if a.path.startswith(plan.province.path)]
    return [plan.province, *chain] if is_national(plan) and unit.pk != plan.province_id else chain


def national_plans(user: RequestUser) -> QuerySet:
    return plans_for(user).filter(province__level=Level.COUNTRY)


@dataclass
class Beside:
    """A target of the programme that the engine's indicators do not carry, measured here (the 5★ count)."""

    code: str
    comparison: str
    value: Decimal
    source: str = ""


def beside_targets(plan: Plan) -> dict[str, Beside]:
    """The shipped plan's `beside_engine` targets (programme/data/<slug>.json); none for a plan made in the UI."""
    path = DATA / f"{plan.slug}.json"
    if not path.exists():
        return {}
    spec: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return {
        item["code"]: Beside(item["code"], item["comparison"], Decimal(str(item["value"])), item.get("source", ""))
        for item in spec.get("beside_engine", [])
    }


FIVE_STAR_INDICATOR = Indicator(
    16, FIVE_STAR, COUNT, _("5★ OCOP products"),
    _("Distinct products with a 5★ certificate valid at D (the certificates' own rule), among the unit's "
      "cumulative OCOP products (placed by the producer's commune on D)."),
    rules=_("Measured beside the engine's 15 indicators; its target is the programme's (see docs/programme.md)."),
    legal_basis=_("The national OCOP programme 2021–2025 (QĐ 919/QĐ-TTg of 01/08/2022)"),
)  # fmt: skip


@dataclass
class Area:
    """The country or one province: the plan's indicators there (and the 5★ count), its rank and own plans."""

    unit: Unit
    results: list[Result]
    own_plans: list[Plan] = field(default_factory=list)
    rank: int = 0

    @property
    def met(self) -> int:
        return sum(r.status == IndicatorStatus.MET for r in self.results)

    def measure(self, key: str) -> float | str | None:
        if key == "name":
            return bare_name(self.unit)  # "Đồng Nai", not "Thành phố Đồng Nai": provinces and cities together
        if key == "met":
            return self.met
        return next(r.value for r in self.results if r.code == key)

    @property
    def point(self) -> tuple[float, float] | None:
        return PROVINCE_SEATS.get(self.unit.code) if self.unit.map == MapVersion.V2025 else None


@dataclass
class NationalFigures:
    plan: Plan
    day: datetime.date
    country: Area
    provinces: list[Area]
    sort: str
    descending: bool

    def points(self) -> list[tuple[float, float, str, str]]:
        """The provinces as points (their seats), each labelled with its rank, name and the sorted-by figure."""
        return [
            (*area.point, "province", f"{area.rank}. {area.unit.name}: {_shown(area.measure(self.sort))}")
            for area in self.provinces
            if area.point is not None
        ]


def _shown(value: float | str | None) -> str:
    return "—" if value is None else str(value)


def national_figures(
    plan: Plan, day: datetime.date, user: RequestUser, sort: str = DEFAULT_SORT, descending: bool = True
) -> NationalFigures:
    """The country (with its yearly trend) and every province of the plan's map at `day`, sorted by `sort`."""
    if sort not in SORT_KEYS:
        sort = DEFAULT_SORT
    engine = PlanIndicators(plan)
    provinces = list(Unit.objects.filter(map=plan.map, level=Level.PROVINCE).order_by("code"))
    five_star = FiveStar(engine, beside_targets(plan).get(FIVE_STAR))
    shown = lambda results: disclosure.protect(user, engine, results)  # noqa: E731
    country = Area(plan.province, [*shown(engine.results(plan.province, day)), five_star.result(plan.province, day)])
    areas = [
        Area(unit, [*shown(engine.results(unit, day, trend=False)), five_star.result(unit, day, trend=False)])
        for unit in provinces
    ]
    _attach_own_plans(areas, user)
    _rank(areas, "met" if sort == "name" else sort)
    areas.sort(key=lambda a: _sort_key(a.measure(sort), descending))
    if sort == "name" and descending:
        areas.reverse()
    return NationalFigures(plan, day, country, areas, sort, descending)


class FiveStar:
    """The 5★ count as a result like the engine's: value, target (the country's), trend, projection, status."""

    def __init__(self, engine: PlanIndicators, target: Beside | None) -> None:
        self.engine, self.target = engine, target

    def count(self, unit: Unit, day: datetime.date) -> int:
        """The unit's recognised products with a valid 5★ certificate at `day`, from the engine's sums."""
        return int(self.engine.unit_totals(day, FIVE_STAR, unit)[0])

    def result(self, unit: Unit, day: datetime.date, trend: bool = True) -> Result:
        plan = self.engine.plan
        value = self.count(unit, day)
        result = Result(FIVE_STAR_INDICATOR, unit, day, value, None, value)
        if trend:
            result.series = [(d, self.count(unit, d)) for d in self.engine.series_dates(day)]
        # A count's target is the whole plan's (the country's), as the engine rules for plan-wide counts.
        if self.target is not None and unit.pk == plan.province_id:
            result.target, result.comparison = self.target.value, self.target.comparison
            result.projection = project(result.series, plan.ends_on) if day < plan.ends_on else value
        result.status = status(result, deadline_passed=day >= plan.ends_on)
        return result


def _sort_key(value: float | str | None, descending: bool) -> tuple[int, Any]:
    """Missing values ("no data") last whichever the direction; names in Vietnamese order without accents."""
    if value is None:
        return (1, 0)
    if isinstance(value, str):
        return (0, fold(value).lower())
    return (0, -value if descending else value)


def _rank(areas: list[Area], key: str) -> None:
    """Standard competition ranking (1, 2, 2, 4) by `key`, highest first; no data ranks last."""
    ordered = sorted(areas, key=lambda a: _sort_key(a.measure(key), True))
    previous: object = object()
    rank = 0
    for position, area in enumerate(ordered, start=1):
        value = area.measure(key)
        if value != previous:
            rank, previous = position, value
        area.rank = rank


def _attach_own_plans(areas: list[Area], user: RequestUser) -> None:
    """Each province's own plans the person may see: placed on it, or on an old province that became it."""
    ids = {area.unit.pk for area in areas}
    became: dict[int, set[int]] = {pk: {pk} for pk in ids}
    for old, new in Succession.objects.filter(successor_id__in=ids, predecessor__level=Level.PROVINCE).values_list(
        "predecessor_id", "successor_id"
    ):
        became[new].add(old)
    plans = list(plans_for(user).exclude(province__level=Level.COUNTRY).order_by("-starts_on", "name"))
    for area in areas:
        area.own_plans = [plan for plan in plans if plan.province_id in became[area.unit.pk]]
