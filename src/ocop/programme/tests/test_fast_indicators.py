"""The fast path (indicators/sql.py: the numbers alone, worked out by the database, what dashboards, tables and
trends read) gives the same numbers as the full computation (indicators/compute.py: the numbers with the
records behind them, what the drill-down pages read), place by place, on SQLite and PostgreSQL: on randomised national data (the benchmark's generator with other
seeds, every year end and random days, the whole map and one province), and on every scenario of
test_indicators.py (its `numbers` helper checks each plan and date it is asked for)."""

import datetime
import io
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from ocop.certificates.models import Certificate
from ocop.market.models import SalesPoint
from ocop.places.choices import Level
from ocop.places.models import Unit
from ocop.programme.indicators.compute import SUBJECTS, open_showrooms
from ocop.programme.indicators.engine import PlanIndicators
from ocop.programme.indicators.sql import FIVE_STAR, from_measures
from ocop.programme.models import Plan
from ocop.programme.views import points
from ocop.registry.models import Producer

D = datetime.date


def assert_fast_equals_full(engine: PlanIndicators, days: list[datetime.date]) -> None:
    """Every indicator's numerator, denominator and figure beside, for every place, at every day (the days
    asked together, as for a trend), and the 5★ count beside them (the national dashboard's: the recognised
    products, as the full computation lists them, holding a certificate `Certificate.objects.valid_on` the day)."""
    engine.prefetch(days)
    for day in days:
        fast, full = engine.fast_totals(day), from_measures(engine.measures(day))
        for code in SUBJECTS:
            for part in ("num", "den", "extra"):
                got, expected = _nonzero(getattr(fast[code], part)), _nonzero(getattr(full[code], part))
                assert got == expected, f"{code}.{part} at {day}: fast {got} ≠ full {expected}"
        five = set(Certificate.objects.valid_on(day).filter(stars=5).values_list("product_id", flat=True))
        recognised = engine.measures(day)["cumulative_products"].num_ids
        expected_five = _nonzero({path: len(ids & five) for path, ids in recognised.items()})
        assert _nonzero(fast[FIVE_STAR].num) == expected_five, f"5★ at {day}"
        province = engine.plan.province
        below = Unit.objects.filter(map=engine.plan.map, path__startswith=province.path).order_by("path")[:8]
        for unit in [province, *below]:  # the plan's dashboard and the first units below it
            assert points(engine, unit, day) == old_points(engine, unit, day), f"map of {unit.path} at {day}"
            # The same producers whether or not they have coordinates (few of the generated ones have).
            mapped = {row[0] for row in engine.ocop_producers(unit, day)}
            assert mapped == engine.members("women_led_share", unit, day)[1], f"producers of {unit.path} at {day}"


def old_points(engine: PlanIndicators, unit: Unit, day: datetime.date) -> list[tuple[float, float, str, str]]:
    """The dashboard's map as it was computed before it read its own statement: the full computation's OCOP
    producers at the date (the denominator of the producer shares) and the showroom centres of the dataset."""
    producers = Producer.objects.filter(pk__in=engine.members("women_led_share", unit, day)[1], latitude__isnull=False)
    found = [(float(lat), float(lon), "producer", name) for lat, lon, name in producers.values_list(
        "latitude", "longitude", "name")]  # fmt: skip
    open_ = [pk for pk, path in open_showrooms(engine.data, day).items() if path.startswith(unit.path)]
    shown = SalesPoint.objects.filter(pk__in=open_, latitude__isnull=False).values_list("latitude", "longitude", "name")
    return found + [(float(lat), float(lon), "showroom", name) for lat, lon, name in shown]


def _nonzero(sums: dict[str, float]) -> dict[str, float]:
    return {path: value for path, value in sums.items() if value}


@dataclass
class _NoTargets:
    def all(self) -> list[Any]:
        return []


@dataclass
class WholeMap:
    """The whole country as a plan (as the benchmark and the national dashboard read it): no Plan row."""

    province: Unit
    map: str = "2025"
    starts_on: datetime.date = datetime.date(2021, 1, 1)
    ends_on: datetime.date = datetime.date(2025, 12, 31)
    targets: _NoTargets = field(default_factory=_NoTargets)

    @property
    def province_id(self) -> None:
        return None


def _generate(seed: int) -> None:
    bench = Path(__file__).resolve().parents[4] / "bench"
    sys.path.insert(0, str(bench))
    try:
        import national_data
    finally:
        sys.path.remove(str(bench))
    national_data.generate(national_data.Scale().scaled(0.01), log=io.StringIO(), seed=seed)


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [1, 2])
def test_fast_equals_full_on_randomised_national_data(seed):
    _generate(seed)
    rng = random.Random(seed)
    days = [D(year, 12, 31) for year in range(2021, 2026)] + [
        D(2021, 1, 1) + datetime.timedelta(days=rng.randint(0, 1800)) for _ in range(6)
    ]
    root = Unit(map="2025", path="2025/", name="Việt Nam", level=Level.PROVINCE)  # the map's root, not saved
    assert_fast_equals_full(PlanIndicators(WholeMap(root)), days)
    one_by_one = PlanIndicators(WholeMap(root))
    for day in days:
        assert_fast_equals_full(one_by_one, [day])
    province = Unit.objects.get(map="2025", level=Level.PROVINCE, code="75")
    plan = Plan.objects.create(slug=f"dn{seed}", name="Đồng Nai", province=province, map="2025",
                               starts_on=D(2021, 1, 1), ends_on=D(2025, 12, 31))  # fmt: skip
    assert_fast_equals_full(PlanIndicators(plan), days)
