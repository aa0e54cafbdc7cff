"""Monitoring's part of the things-to-do page (core/todo.py): for the inspecting office, inspections awaiting an
outcome and remedies awaited or overdue; for the authority that recognised a certificate, each revocation proposed
after an inspection (whoever inspected) still to carry out; for a producer, its own inspections' outcomes and
deadlines."""

import datetime
from urllib.parse import urlencode

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ocop.certificates.models import Certificate
from ocop.core import rights, todo
from ocop.monitoring import queries
from ocop.monitoring.models import Inspection

GROUPS = (("open", False), ("overdue", True), ("remedy", False))
REVOKE_WITHIN = datetime.timedelta(days=15)  # QĐ 26/2026 Điều 8: the revocation follows within 15 days


def _list(state: str) -> str:
    return reverse("monitoring:inspection_list") + "?" + urlencode({"state": state})


@todo.register(45)
def inspections_to_follow(user: User, today: datetime.date) -> todo.Section | None:
    if rights.acting_producer(user) is not None or not rights.may(user, "decide", Inspection):
        return None
    scoped = Inspection.objects.for_user(user, "decide")
    counts = queries.counts(scoped, [state for state, _urgent in GROUPS], today)  # one query for the three
    items = []
    for state, urgent in GROUPS:
        count = counts[state]
        if count:
            items.append(todo.Item(str(queries.STATES[state]), _list(state), count=count, urgent=urgent))
    items += _revocations_to_carry_out(user, today)
    return todo.Section(_("Post-recognition inspections"), items)


def _revocations_to_carry_out(user: User, today: datetime.date) -> list[todo.Item]:
    """Each proposed revocation the person may carry out: the certificate's "revoke" right (who recognised it),
    whoever inspected — a ministry's inspection of a province's 3★ reaches the province office."""
    proposals = (
        Inspection.objects.for_user(user)
        .filter(queries.state_q("revoke", today), certificate__in=Certificate.objects.for_user(user, "revoke"))
        .select_related("product", "plan")
        .order_by("decided_on", "id")
    )
    items = []
    for inspection in proposals:
        note = _("revocation proposed on %(day)s by %(authority)s") % {
            "day": date_format(inspection.decided_on, "SHORT_DATE_FORMAT") if inspection.decided_on else "—",
            "authority": inspection.plan.authority,
        }
        late = inspection.decided_on is not None and inspection.decided_on + REVOKE_WITHIN < today
        text = _("Revoke the certificate of %(product)s") % {"product": inspection.product.name}
        items.append(todo.Item(text, inspection.get_absolute_url(), note=note, urgent=late))
    return items


@todo.register(45)
def own_inspections(user: User, today: datetime.date) -> todo.Section | None:
    """Producers: each inspection not yet concluded, with its date or the remedy's deadline."""
    if rights.acting_producer(user) is None:
        return None
    scoped = Inspection.objects.for_user(user).select_related("product")
    items = []
    for inspection in queries.awaiting(scoped, today):
        if inspection.remedy_due is not None:
            note = _("remedy required by %(day)s") % {"day": date_format(inspection.remedy_due, "SHORT_DATE_FORMAT")}
            urgent = inspection.remedy_due < today
        else:
            note = _("inspection on %(day)s") % {"day": date_format(inspection.scheduled_on, "SHORT_DATE_FORMAT")}
            urgent = False
        items.append(todo.Item(inspection.product.name, inspection.get_absolute_url(), note=note, urgent=urgent))
    return todo.Section(_("Inspections of your products"), items) if items else None
