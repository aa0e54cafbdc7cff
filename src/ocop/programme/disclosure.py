"""Statistical disclosure control: the plan's figures computed from personal data (the women- and minority-led
shares read a producer representative's gender and ethnicity, `Producer.personal_fields`) are shown whole only to
those who read that data on every producer of the unit (the rights table's "personal" right over the unit:
`rights.sees_personal_in`). Anyone else (a viewer, the national office, a commune officer looking above their
commune) sees such a figure only when it hides no individual: at least `K` producers counted and `K` not counted;
otherwise "—" with a note, and never the list of the producers behind it. Every page, API answer and report that
shows these figures asks here (`protect`, `cell`, `lists_records`).

Sums at higher levels are computed from every record, suppressed or not: subtracting the shown figures of the
other units (or of two dates) from a total can still reveal a small group — a known limit (docs/scoping.md)."""

import datetime
from typing import Any

from django.utils.translation import gettext_lazy

from ocop.core import rights
from ocop.core.types import RequestUser
from ocop.places.models import Unit
from ocop.programme.indicators.definitions import Indicator
from ocop.programme.indicators.engine import PlanIndicators, Result, project, status
from ocop.registry.models import Producer

# The rule of small numbers (threshold rule of statistical disclosure control, as national statistics offices
# apply to tables of persons): a cell of fewer than 3 persons, counted or not counted, lets one who knows the group
# read an individual's value (0 % or 100 % tells everyone's; 1 of 2 tells the other's to either of them).
K = 3
NOTE = gettext_lazy("Hidden to protect personal data (small group)")
WITHHELD = gettext_lazy(
    "The records behind this figure are not listed: it is computed from personal data (a representative's gender "
    "or ethnicity), which you may not read for this unit's producers."
)


class Suppressed:
    """A figure withheld: shown as "—" with the note (tables, reports)."""

    suppressed = True
    note = NOTE

    def __str__(self) -> str:
        return "—"


SUPPRESSED = Suppressed()


def reads_personal(indicator: Indicator) -> bool:
    """Whether the indicator is computed from a producer's personal fields."""
    return bool(indicator.fact) and indicator.fact in rights.personal_fields(Producer)


def sees_whole(user: RequestUser | None, indicator: Indicator, unit: Unit) -> bool:
    """Whether the user sees the indicator's figures for the unit as they are (and the records behind them)."""
    return not reads_personal(indicator) or rights.sees_personal_in(user, Producer, unit.path)


def small(numerator: float | None, denominator: float | None) -> bool:
    """Whether a figure over `denominator` records, `numerator` of them counted, tells of fewer than K records."""
    if not denominator:
        return False  # no data: nothing to tell
    return min(numerator or 0, denominator - (numerator or 0)) < K


def lists_records(user: RequestUser | None, indicator: Indicator, unit: Unit) -> bool:
    """Whether the drill-down page may list the records behind the figure (never, without the right)."""
    return sees_whole(user, indicator, unit)


def cell(user: RequestUser | None, engine: PlanIndicators, indicator: Indicator, unit: Unit, day: datetime.date) -> Any:
    """The unit's value at `day` for a table, or `SUPPRESSED`."""
    numerator, denominator, value = engine.value(indicator, unit, day)
    if not sees_whole(user, indicator, unit) and small(numerator, denominator):
        return SUPPRESSED
    return value


def protect(user: RequestUser | None, engine: PlanIndicators, results: list[Result]) -> list[Result]:
    """`results` (the engine's, each for its unit) as the user may see them, changed in place: a small figure's
    numerator, value, "not stated" count, projection and status withheld (`suppressed`), and each point of the
    trend withheld by the same rule (the projection drawn from the points left)."""
    plan = engine.plan
    for r in results:
        if sees_whole(user, r.indicator, r.unit):
            continue
        kept = []
        for day, value in r.series:
            numerator, denominator, _value = engine.value(r.indicator, r.unit, day)
            kept.append((day, None if small(numerator, denominator) else value))
        changed = kept != r.series
        r.series = kept
        if small(r.numerator, r.denominator):
            r.suppressed = True
            r.numerator = r.value = r.not_stated = r.projection = None
            r.status = ""
        elif changed and r.value is not None:
            r.projection = project(r.series, plan.ends_on) if r.as_of < plan.ends_on else r.value
            r.status = status(r, deadline_passed=r.as_of >= plan.ends_on)
    return results
