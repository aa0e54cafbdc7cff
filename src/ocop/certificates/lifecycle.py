"""A certificate's life as pure date arithmetic (DOMAIN.md §3, QĐ 26/2026 Điều 4 khoản 3 and Điều 11).

Valid 36 months from issue; re-evaluation is filed 180 to 120 days before expiry; certificates issued
before 22/05/2026 stay valid to their own expiry, and when their re-evaluation could not meet the window
they stay valid until the decision, at most 180 days after expiry.

"Valid on date D" (a certificate makes its product an OCOP product on D) lives here and only here: in Python
as `is_valid_on`, for querysets as `valid_on_q`; every other place calls one of them.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.db.models import Exists, Q, QuerySet

VALIDITY_MONTHS = 36
WINDOW_OPENS_DAYS = 180  # before expiry
WINDOW_CLOSES_DAYS = 120
TRANSITION_DATE = datetime.date(2026, 5, 22)  # QĐ 26/2026 in force
TRANSITION_GRACE_DAYS = 180


class Status:
    NOT_YET_VALID = "not_yet_valid"
    VALID = "valid"
    IN_WINDOW = "in_window"
    EXTENDED = "extended"
    EXPIRED = "expired"
    SUPERSEDED = "superseded"
    REVOKED = "revoked"

    VALID_STATES = frozenset({VALID, IN_WINDOW, EXTENDED})


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def expiry_for(issued_on: datetime.date) -> datetime.date:
    """The last valid day: 36 months from issue (issued 15/03/2023 → valid until 14/03/2026)."""
    return add_months(issued_on, VALIDITY_MONTHS) - datetime.timedelta(days=1)


def window(valid_until: datetime.date) -> tuple[datetime.date, datetime.date]:
    return (
        valid_until - datetime.timedelta(days=WINDOW_OPENS_DAYS),
        valid_until - datetime.timedelta(days=WINDOW_CLOSES_DAYS),
    )


def transition_grace_applies(issued_on: datetime.date, valid_until: datetime.date) -> bool:
    """A certificate issued before QĐ 26 whose filing window had closed by the day QĐ 26 took effect."""
    return issued_on < TRANSITION_DATE and window(valid_until)[1] < TRANSITION_DATE


def grace_until(valid_until: datetime.date) -> datetime.date:
    return valid_until + datetime.timedelta(days=TRANSITION_GRACE_DAYS)


@dataclass(frozen=True)
class Facts:
    issued_on: datetime.date
    valid_until: datetime.date
    revoked_on: datetime.date | None = None
    superseded_on: datetime.date | None = None  # issue date of the product's next certificate
    extended_until: datetime.date | None = None  # transition: re-evaluation pending


def status_on(facts: Facts, day: datetime.date) -> str:
    if day < facts.issued_on:
        return Status.NOT_YET_VALID
    if facts.revoked_on is not None and facts.revoked_on <= day:
        return Status.REVOKED
    if facts.superseded_on is not None and facts.superseded_on <= day:
        return Status.SUPERSEDED
    if day > facts.valid_until:
        if facts.extended_until is not None and day <= facts.extended_until:
            return Status.EXTENDED
        return Status.EXPIRED
    opens, closes = window(facts.valid_until)
    if opens <= day <= closes:
        return Status.IN_WINDOW
    return Status.VALID


def is_valid_on(facts: Facts, day: datetime.date) -> bool:
    """Whether the certificate makes its product an OCOP product on `day` (DOMAIN.md §5): issued by then, not
    revoked nor superseded by then, and within its validity or the transition rule's extension — exactly the
    statuses in `Status.VALID_STATES`."""
    f = facts
    return valid_on(day, f.issued_on, f.valid_until, f.revoked_on, f.superseded_on, f.extended_until)


def valid_on(
    day: datetime.date,
    issued_on: datetime.date,
    valid_until: datetime.date,
    revoked_on: datetime.date | None = None,
    superseded_on: datetime.date | None = None,
    extended_until: datetime.date | None = None,
) -> bool:
    """`is_valid_on` from the dates themselves, for callers that hold them in other shapes (the indicators check
    40,000 products per date: no `Facts` built, no window computed)."""
    return (
        issued_on <= day
        and (revoked_on is None or day < revoked_on)
        and (superseded_on is None or day < superseded_on)
        and (day <= valid_until or (extended_until is not None and day <= extended_until))
    )


def last_valid_day(valid_until: datetime.date, extended_until: datetime.date | None) -> datetime.date:
    """`valid_until`, or the transition rule's extension when it is later."""
    return max(valid_until, extended_until or valid_until)


def valid_on_q(
    day: datetime.date,
    *,
    newer: QuerySet | None = None,
    valid_until: str = "valid_until",
    extended_until: str | None = "extended_until",
) -> Q:
    """`is_valid_on` as a query condition on rows with `issued_on`, `revoked_on` and the validity fields.

    `newer`: the same product's certificates issued after the row's (correlated with OuterRef); one issued by
    `day` supersedes it. None where each row already is the product's latest certificate (the catalogue).
    `extended_until=None` where `valid_until` names a field that already holds `last_valid_day`.
    """
    last_day = Q(**{f"{valid_until}__gte": day})
    if extended_until is not None:
        last_day |= Q(**{f"{extended_until}__gte": day})
    condition = Q(issued_on__lte=day) & (Q(revoked_on__isnull=True) | Q(revoked_on__gt=day)) & last_day
    if newer is not None:
        condition &= ~Q(Exists(newer.filter(issued_on__lte=day)))
    return condition


def invalid_from(facts: Facts, day: datetime.date) -> datetime.date | None:
    """The first day the certificate no longer made its product an OCOP product, if that day is past on `day`:
    the revocation, the newer certificate's issue, or the day after its validity (or transition grace) ended."""
    status = status_on(facts, day)
    if status == Status.REVOKED:
        return facts.revoked_on
    if status == Status.SUPERSEDED:
        return facts.superseded_on
    if status == Status.EXPIRED:
        return last_valid_day(facts.valid_until, facts.extended_until) + datetime.timedelta(days=1)
    return None
