"""The year's monitoring lines for a report (programme may call `year_lines`): products inspected, the share
found compliant, remedies overdue, revocations after inspection by ground. Counted within what the person may
view, so an office's lines are its area's and the ministry's the country's."""

import datetime
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet

from ocop.certificates.choices import RevocationGround
from ocop.core.types import RequestUser
from ocop.monitoring.choices import INSPECTION_GROUNDS, Outcome
from ocop.monitoring.models import Inspection
from ocop.places.models import Unit
from ocop.places.queries import path_filter, scope_prefixes, scope_prefixes_of


@dataclass(frozen=True)
class YearLines:
    year: int
    inspected: int  # products with an inspection dated in the year, by `today`
    decided: int  # of those, products whose latest inspection of the year has an outcome (decided by `today`)
    compliant: int  # of those, found compliant (or remedied by `today`)
    remedies_overdue: int  # inspections whose remedy deadline has passed unremedied (on `today`)
    revocations: dict[str, int] = field(default_factory=dict)  # certificates revoked after inspection, by ground

    @property
    def share_compliant(self) -> Decimal | None:
        """Percent of the decided products found compliant, one decimal; None when none is decided."""
        if not self.decided:
            return None
        return (Decimal(100 * self.compliant) / self.decided).quantize(Decimal("0.1"))

    def revocation_lines(self) -> list[tuple[str, int]]:
        return [(str(RevocationGround(ground).label), self.revocations.get(ground, 0)) for ground in INSPECTION_GROUNDS]


def overdue_q(today: datetime.date) -> dict[str, object]:
    return {"outcome": Outcome.REMEDY, "remedied_on__isnull": True, "remedy_due__lt": today}


def overdue_on(day: datetime.date) -> Q:
    """Remedies overdue on `day`: due before it and not confirmed by it — the worklists' `overdue_q` on today, and
    the same question asked of a past day (a report's 31/12), when a remedy confirmed later was still overdue."""
    return Q(outcome=Outcome.REMEDY, remedy_due__lt=day) & (Q(remedied_on__isnull=True) | Q(remedied_on__gt=day))


PATH = "product__producer__commune__path"  # where an inspection is counted: its product's producer's commune
Area = Hashable


def _scoped(user: RequestUser | None, operator: bool) -> QuerySet[Inspection]:
    """The inspections counted: those the person may view; every one for the server's operator (the command line,
    no person), never for a missing person otherwise."""
    return Inspection.objects.all() if operator else Inspection.objects.for_user(user)


def _tally(
    scoped: QuerySet[Inspection], year: int, today: datetime.date, area_of: Callable[[str], Area | None]
) -> dict[Area, YearLines]:
    """The year's lines of each area (`area_of` a commune's path → its area, None: left out), in three queries
    whatever the number of areas."""
    of_year = scoped.filter(scheduled_on__year=year, scheduled_on__lte=today)  # planned later: not inspected yet
    latest: dict[tuple[Area, int], tuple[str, bool]] = {}  # (area, product) → its latest inspection of the year
    rows = of_year.order_by("product_id", "scheduled_on", "id").values_list(
        "product_id", "outcome", "decided_on", "remedied_on", PATH
    )
    for product_id, outcome, decided_on, remedied_on, path in rows:
        area = area_of(path)
        if area is not None:
            if decided_on is not None and decided_on > today:  # decided after `today`: still open on it
                outcome = Outcome.OPEN
            latest[(area, product_id)] = (outcome, remedied_on is not None and remedied_on <= today)
    revoked = (
        of_year.filter(outcome=Outcome.REVOKE, certificate__revoked_on__lte=today)
        .values_list("certificate_id", "certificate__revocation_ground", PATH)
        .distinct()
    )
    overdue = scoped.filter(overdue_on(today)).values_list(PATH, flat=True)
    tallies: dict[Area, dict[str, Any]] = {}

    def tally(area: Area) -> dict[str, Any]:
        return tallies.setdefault(area, {"inspected": 0, "decided": 0, "compliant": 0, "overdue": 0, "grounds": {}})

    for (area, _product), (outcome, remedied) in latest.items():
        counts = tally(area)
        counts["inspected"] += 1
        if outcome != Outcome.OPEN:
            counts["decided"] += 1
            counts["compliant"] += outcome == Outcome.COMPLIANT or (outcome == Outcome.REMEDY and remedied)
    for _certificate, ground, path in revoked:
        if (area := area_of(path)) is not None:
            grounds = tally(area)["grounds"]
            grounds[ground] = grounds.get(ground, 0) + 1
    for path in overdue:
        if (area := area_of(path)) is not None:
            tally(area)["overdue"] += 1
    return {
        area: YearLines(year, c["inspected"], c["decided"], c["compliant"], c["overdue"], c["grounds"])
        for area, c in tallies.items()
    }


def year_lines(
    user: RequestUser | None,
    year: int,
    today: datetime.date,
    within: Unit | None = None,
    *,
    operator: bool = False,
) -> YearLines:
    """The year's lines of what the person may view (of it, what lies `within` a unit, on both maps)."""
    scoped = _scoped(user, operator)
    if within is not None:
        scoped = scoped.filter(path_filter("product__producer__commune", scope_prefixes(within)))
    return _tally(scoped, year, today, lambda path: 0).get(0, YearLines(year, 0, 0, 0, 0))


def year_lines_by_area(
    user: RequestUser | None,
    year: int,
    today: datetime.date,
    areas: Sequence[Unit],
    *,
    operator: bool = False,
) -> dict[int, YearLines]:
    """The year's lines of each area (a unit's pk → its lines; the provinces of a national report), of what the
    person may view: a record on the other map counts in the area that covers it (`places.queries.scope_prefixes`).
    A fixed number of queries whatever the number of areas."""
    prefixes = scope_prefixes_of(areas)
    ordered = sorted(((p, pk) for pk, ps in prefixes.items() for p in ps), key=lambda item: -len(item[0]))

    def area_of(path: str) -> int | None:
        return next((pk for prefix, pk in ordered if path.startswith(prefix)), None)

    scoped = _scoped(user, operator).filter(path_filter("product__producer__commune", [p for p, _pk in ordered]))
    found = _tally(scoped, year, today, area_of)
    return {area.pk: found.get(area.pk) or YearLines(year, 0, 0, 0, 0) for area in areas}
