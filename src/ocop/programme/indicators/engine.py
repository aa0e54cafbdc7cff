"""A plan's indicators for a unit and a date: value against target, status, the yearly trend and its
projection to the deadline. One `PlanIndicators` answers for any unit from the sums of each date, read in a
fixed number of queries whatever the units (`sql.py`: a batch of dates at once); the drill-down pages read the
plan's data once more (`dataset.py`) for the full computation with the records behind each number."""

import datetime
import functools
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ocop.places.models import Unit
from ocop.programme.choices import Comparison, IndicatorStatus
from ocop.programme.indicators.compute import Measure, compute, open_showrooms
from ocop.programme.indicators.dataset import Dataset, load
from ocop.programme.indicators.definitions import INDICATORS, NOT_STATED, RATIO, VALID, Indicator
from ocop.programme.indicators.sql import SqlTotals, Totals

if TYPE_CHECKING:
    from ocop.programme.models import Plan, Target

AT_RISK_MARGIN = Decimal("0.10")  # our rule: a projection within 10% of the target is "at risk"


@dataclass
class Result:
    indicator: Indicator
    unit: Unit
    as_of: datetime.date
    numerator: float | None
    denominator: float | None
    value: float | None
    target: Decimal | None = None
    comparison: str = Comparison.AT_LEAST
    status: str = IndicatorStatus.NO_DATA
    projection: float | None = None
    series: list[tuple[datetime.date, float | None]] = field(default_factory=list)
    extra: float | None = None  # cumulative products: how many are valid at the date
    not_stated: float | None = None  # women- and minority-led: producers whose representative's fact is not stated
    suppressed: bool = False  # withheld from this reader: a small group's personal data (`programme.disclosure`)

    @property
    def code(self) -> str:
        return self.indicator.code


def check_day(plan: "Plan", day: datetime.date) -> None:
    if day < plan.starts_on:
        raise ValidationError(
            _("The date is before the plan starts (%(day)s).")
            % {"day": date_format(plan.starts_on, "SHORT_DATE_FORMAT")}
        )
    if day > timezone.localdate():
        raise ValidationError(_("The date is in the future: indicators are computed from records, not forecasts."))


def check_unit(plan: "Plan", unit: Unit) -> None:
    if unit.map != plan.map or not unit.path.startswith(plan.province.path):
        raise ValidationError(
            _("%(unit)s is not a unit of %(province)s on the plan's map.")
            % {"unit": unit.name, "province": plan.province.name}
        )


class PlanIndicators:
    def __init__(self, plan: "Plan") -> None:
        self.plan = plan
        self._measures: dict[datetime.date, dict[str, Measure]] = {}
        self._sql: SqlTotals | None = None
        self._fast: dict[datetime.date, dict[str, Totals]] = {}
        self._totals: dict[tuple[datetime.date, str], dict[str, list[float]]] = {}
        self._rollups: dict[tuple[datetime.date, int], dict[str, float]] = {}
        self._targets = list(plan.targets.all())

    @functools.cached_property
    def data(self) -> Dataset:
        """The plan's records, read when a drill-down page asks for them (the numbers alone never need them)."""
        return load(self.plan)

    def measures(self, day: datetime.date) -> dict[str, Measure]:
        """The full computation, with the records behind every number: for the drill-down pages (`members`)."""
        if day not in self._measures:
            self._measures[day] = compute(self.data, day)
        return self._measures[day]

    def fast_totals(self, day: datetime.date) -> dict[str, Totals]:
        """The numbers alone (no ids), from the database (`sql.py`): what values, tables and trends read."""
        self.prefetch([day])
        return self._fast[day]

    @property
    def sql(self) -> SqlTotals:
        if self._sql is None:
            self._sql = SqlTotals(self.plan)  # the map and the places counted: read once for every date
        return self._sql

    def prefetch(self, days: list[datetime.date]) -> None:
        """The numbers for these dates (a trend's), the missing ones in one batch of statements."""
        missing = sorted({day for day in days if day not in self._fast})
        if missing:
            self._fast.update(self.sql.totals(missing))

    def results(self, unit: Unit, day: datetime.date, *, trend: bool = True) -> list[Result]:
        check_unit(self.plan, unit)
        check_day(self.plan, day)
        dates = self.series_dates(day) if trend else [day]
        self.prefetch(dates)
        out = []
        for indicator in INDICATORS:
            series = [(d, self.value(indicator, unit, d)[2]) for d in dates]
            numerator, denominator, value = self.value(indicator, unit, day)
            result = Result(indicator, unit, day, numerator, denominator if indicator.kind == RATIO else None, value)
            result.series = series
            beside = _whole(self.unit_totals(day, indicator.code, unit)[2])
            if indicator.beside == VALID:
                result.extra = beside
            elif indicator.beside == NOT_STATED:
                result.not_stated = beside
            target = self.target(indicator.code, unit)
            if target is not None:
                result.target, result.comparison = target.value, target.comparison
            if value is not None:  # after the deadline there is nothing left to project
                result.projection = project(series, self.plan.ends_on) if day < self.plan.ends_on else value
            result.status = status(result, deadline_passed=day >= self.plan.ends_on)
            out.append(result)
        return out

    def value(self, indicator: Indicator, unit: Unit, day: datetime.date) -> tuple[float | None, float | None, Any]:
        return _value(indicator, self.unit_totals(day, indicator.code, unit))

    def unit_totals(self, day: datetime.date, code: str, unit: Unit) -> tuple[float, float, float]:
        """The unit's numerator, denominator and extra at `day`. The plan's own province (or the whole country)
        holds every place: its sums are added up directly (what a dashboard and its trend ask first); other
        units read every unit's sums added up at once (`totals`)."""
        if unit.path == self.plan.province.path and (day, code) not in self._totals:
            sums = self.fast_totals(day)[code]
            return (sum(sums.num.values()), sum(sums.den.values()), sum(sums.extra.values()))
        num, den, extra = self.totals(day, code).get(unit.path, (0, 0, 0))
        return (num, den, extra)

    def totals(self, day: datetime.date, code: str) -> dict[str, list[float]]:
        """Numerator, denominator and extra summed for every unit path at once (each place adds itself to its
        parent, each parent to its own), so a table of a hundred units costs one pass instead of one scan per
        unit; a denominator shared by several indicators (the OCOP producers at D) is added up once."""
        if (day, code) not in self._totals:
            sums = self.fast_totals(day)[code]
            num, den, extra = (self._rolled_up(day, values) for values in (sums.num, sums.den, sums.extra))
            totals: dict[str, list[float]] = {}
            for index, values in enumerate((num, den, extra)):
                for path, value in values.items():
                    if path not in totals:
                        totals[path] = [0.0, 0.0, 0.0]
                    totals[path][index] = value
            self._totals[(day, code)] = totals
        return self._totals[(day, code)]

    def _rolled_up(self, day: datetime.date, values: dict[str, float]) -> dict[str, float]:
        key = (day, id(values))  # the sums live as long as the day's fast totals (cached): ids are not reused
        if key not in self._rollups:
            out: dict[str, float] = defaultdict(float)
            level = values
            while level:
                above: dict[str, float] = defaultdict(float)
                for path, value in level.items():
                    out[path] += value
                    parent = _parent(path)
                    if parent:
                        above[parent] += value
                level = above
            self._rollups[key] = out
        return self._rollups[key]

    def members(self, code: str, unit: Unit, day: datetime.date) -> tuple[set[int], set[int]]:
        """The records behind the numerator and the denominator (ids of the indicator's subject)."""
        measure = self.measures(day)[code]
        pick = lambda ids: set().union(*(v for p, v in ids.items() if p.startswith(unit.path)))  # noqa: E731
        return pick(measure.num_ids), pick(measure.den_ids)

    def showrooms(self, unit: Unit, day: datetime.date) -> set[int]:
        """Ids of the showroom centres open on `day` in `unit` (placed on the plan's map, as for indicator 11)."""
        return {pk for pk, path in open_showrooms(self.sql.places, day).items() if path.startswith(unit.path)}

    def ocop_producers(self, unit: Unit, day: datetime.date) -> list[tuple[int, Any, Any, str]]:
        """The OCOP producers at `day` in `unit` (the ids `members` gives for the producer shares' denominator)
        with their coordinates and name, by name, from one statement: the map reads no dataset."""
        rows = self.sql.ocop_producers(day)
        return [(pk, lat, lon, name) for pk, path, lat, lon, name in rows if path.startswith(unit.path)]

    def target(self, code: str, unit: Unit) -> "Target | None":
        own = [t for t in self._targets if t.indicator == code and t.unit_id == unit.pk]
        if own:
            return own[0]
        plan_wide = [t for t in self._targets if t.indicator == code and t.unit_id is None]
        # A plan-wide count (150 new products) is the province's; a share applies to every unit.
        is_ratio = next(i.kind for i in INDICATORS if i.code == code) == RATIO
        return plan_wide[0] if plan_wide and (is_ratio or unit.pk == self.plan.province_id) else None

    def series_dates(self, day: datetime.date) -> list[datetime.date]:
        start = self.plan.starts_on
        year_ends = [datetime.date(y, 12, 31) for y in range(start.year, day.year + 1)]
        return sorted({start, *(d for d in year_ends if start < d < day), day})


def _value(indicator: Indicator, numbers: Any) -> tuple[float | None, float | None, Any]:
    """(numerator, denominator, value) from a place's summed numerator and denominator."""
    numerator, denominator = _whole(numbers[0]), _whole(numbers[1])
    if indicator.kind != RATIO:
        return (numerator, denominator, numerator)  # a count of nothing is 0, never "no data"
    if not denominator:
        return (None, None, None)  # a share of nothing: "no data", never 0%
    return (numerator, denominator, round(numerator * 100 / denominator, 1))


def _whole(number: float) -> float | int:
    return int(number) if float(number).is_integer() else number


@functools.cache
def _parent(path: str) -> str:
    """ "legacy/70/695/25408/" → "legacy/70/695/"; "legacy/" → "" (a map's root has none)."""
    return path[: path.rindex("/", 0, len(path) - 1) + 1] if path.count("/") > 1 else ""


def project(series: list[tuple[datetime.date, float | None]], deadline: datetime.date) -> float | None:
    """Least-squares line through the yearly values, read at the deadline (the last value if flat or alone)."""
    points = [(d.toordinal(), v) for d, v in series if v is not None]
    if not points:
        return None
    if len(points) == 1:
        return points[0][1]
    n = len(points)
    mean_x, mean_y = sum(x for x, _ in points) / n, sum(y for _, y in points) / n
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread if spread else 0.0
    return round(mean_y + slope * (deadline.toordinal() - mean_x), 1)


def meets(value: float, target: Decimal, comparison: str) -> bool:
    target_value = float(target)
    if comparison == Comparison.MORE_THAN:
        return value > target_value
    if comparison == Comparison.AT_MOST:
        return value <= target_value
    return value >= target_value


def status(result: Result, deadline_passed: bool = False) -> str:
    if result.value is None:
        return IndicatorStatus.NO_DATA
    if result.target is None:
        return ""  # data but no target for this unit
    if meets(result.value, result.target, result.comparison):
        return IndicatorStatus.MET
    if deadline_passed:
        return IndicatorStatus.OFF_TRACK  # at the deadline a target is met or missed, not "at risk"
    projection = result.projection if result.projection is not None else result.value
    if meets(projection, result.target, result.comparison):
        return IndicatorStatus.ON_TRACK
    margin = float(result.target) * float(AT_RISK_MARGIN)
    near = (
        projection >= float(result.target) - margin
        if result.comparison != Comparison.AT_MOST
        else (projection <= float(result.target) + margin)
    )
    return IndicatorStatus.AT_RISK if near else IndicatorStatus.OFF_TRACK
