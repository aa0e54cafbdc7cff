"""Reminders of a remedy's deadline: seven days before and the day after it passes unremedied, to the producer's
accounts and the inspecting office (the table's "remind" right), in the app, once each (the notification's key)."""

import datetime

from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ocop.core import daily, rights
from ocop.core.models import Notification
from ocop.monitoring.choices import Outcome
from ocop.monitoring.models import Inspection

SOON_DAYS = 7


def due_on(day: datetime.date) -> list[tuple[Inspection, str]]:
    soon = day + datetime.timedelta(days=SOON_DAYS)
    awaited = Inspection.objects.filter(outcome=Outcome.REMEDY, remedied_on__isnull=True).select_related(
        "product__producer__commune", "plan"
    )
    due = []
    for inspection in awaited.filter(remedy_due__lte=soon):
        assert inspection.remedy_due is not None  # a remedy has a deadline (a constraint)
        due.append((inspection, "overdue" if inspection.remedy_due < day else "soon"))
    return due


def message(inspection: Inspection, stage: str) -> tuple[str, str]:
    assert inspection.remedy_due is not None  # a remedy has a deadline (a constraint)
    deadline = date_format(inspection.remedy_due, "SHORT_DATE_FORMAT")
    product = inspection.product.name
    if stage == "soon":
        return _("Remedy due soon: %(product)s") % {"product": product}, _(
            "The inspection found points to remedy by %(day)s."
        ) % {"day": deadline}
    return _("Remedy overdue: %(product)s") % {"product": product}, _(
        "The remedy was due by %(day)s and is not confirmed. The inspecting office may propose revoking the "
        "certificate."
    ) % {"day": deadline}


@daily.register(12)
def send_remedy_reminders(day: datetime.date) -> int:
    """Notifications sent today (a stage already sent to a person is not sent again)."""
    sent = 0
    for inspection, stage in due_on(day):
        title, body = message(inspection, stage)
        key = f"inspection-{inspection.pk}-{stage}-{inspection.remedy_due:%Y%m%d}"
        for user in rights.holders("remind", inspection):
            try:
                with transaction.atomic():
                    Notification.objects.create(
                        user=user, key=key, title=title, body=body, url=inspection.get_absolute_url()
                    )
            except IntegrityError:  # sent on an earlier run
                continue
            sent += 1
    return sent
