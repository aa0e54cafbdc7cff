"""The year's monitoring lines for a report (programme may call `year_lines`): products inspected, the share
found compliant, remedies overdue, revocations after inspection by ground. Counted within what the person may
view, so an office's lines are its area's and the ministry's the country's."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count

from ocop.certificates.choices import RevocationGround
from ocop.core.types import RequestUser
from ocop.monitoring.choices import INSPECTION_GROUNDS, Outcome
from ocop.monitoring.models import Inspection


@dataclass(frozen=True)
class YearLines:
    year: int
    inspected: int  # products with an inspection dated in the year
    decided: int  # of those, products whose latest inspection of the year has an outcome
    compliant: int  # of those, found compliant (or remedied)
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


def year_lines(user: RequestUser, year: int, today: datetime.date) -> YearLines:
    scoped = Inspection.objects.for_user(user)
    of_year = scoped.filter(scheduled_on__year=year)
    latest: dict[int, tuple[str, bool]] = {}  # product → (outcome, remedied) of its latest inspection in the year
    rows = of_year.order_by("product_id", "scheduled_on", "id").values_list("product_id", "outcome", "remedied_on")
    for product_id, outcome, remedied_on in rows:
        latest[product_id] = (outcome, remedied_on is not None)
    decided = [v for v in latest.values() if v[0] != Outcome.OPEN]
    compliant = [v for v in decided if v[0] == Outcome.COMPLIANT or (v[0] == Outcome.REMEDY and v[1])]
    revoked = (
        of_year.filter(outcome=Outcome.REVOKE, certificate__revoked_on__isnull=False)
        .values("certificate__revocation_ground")
        .annotate(n=Count("certificate", distinct=True))
        .order_by()
    )
    return YearLines(
        year=year,
        inspected=len(latest),
        decided=len(decided),
        compliant=len(compliant),
        remedies_overdue=scoped.filter(**overdue_q(today)).count(),
        revocations={row["certificate__revocation_ground"]: row["n"] for row in revoked},
    )
