"""The inspections' states as one rule each, shared by the list's filter, the things-to-do counts and reminders."""

import datetime

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from ocop.monitoring.choices import Outcome

STATES = {
    "open": _("Inspections awaiting an outcome"),
    "remedy": _("Remedies awaited"),
    "overdue": _("Remedies overdue"),
    "revoke": _("Revocations proposed, certificate not yet revoked"),
    "concluded": _("Concluded"),
}


def state_q(state: str, today: datetime.date) -> Q:
    awaited = Q(outcome=Outcome.REMEDY, remedied_on__isnull=True)
    return {
        "open": Q(outcome=Outcome.OPEN),
        "remedy": awaited & Q(remedy_due__gte=today),
        "overdue": awaited & Q(remedy_due__lt=today),
        "revoke": Q(outcome=Outcome.REVOKE, certificate__revoked_on__isnull=True),
        "concluded": Q(outcome=Outcome.COMPLIANT)
        | Q(outcome=Outcome.REMEDY, remedied_on__isnull=False)
        | Q(outcome=Outcome.REVOKE, certificate__revoked_on__isnull=False),
    }[state]


def in_state(inspections: QuerySet, state: str, today: datetime.date) -> QuerySet:
    return inspections.filter(state_q(state, today))


def counts(inspections: QuerySet, states: list[str], today: datetime.date) -> dict[str, int]:
    """How many inspections are in each state, in one query (the things-to-do page counts them)."""
    return inspections.aggregate(**{state: Count("pk", filter=state_q(state, today)) for state in states})


def awaiting(inspections: QuerySet, today: datetime.date) -> QuerySet:
    """Not concluded: awaiting an outcome, or a remedy (soonest deadline first)."""
    return inspections.filter(state_q("open", today) | Q(outcome=Outcome.REMEDY, remedied_on__isnull=True)).order_by(
        "remedy_due", "scheduled_on", "id"
    )


def revoked_after_inspection(product_id: int) -> QuerySet:
    """The product's inspections whose proposed revocation was carried out (the portal's public note)."""
    from ocop.monitoring.models import Inspection

    return Inspection.objects.filter(
        product_id=product_id, outcome=Outcome.REVOKE, certificate__revoked_on__isnull=False
    ).select_related("certificate")
