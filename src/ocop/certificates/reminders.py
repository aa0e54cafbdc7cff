"""Reminders of a certificate's dates (DOMAIN.md §3): when the re-evaluation window opens (180 days before
expiry), when it closes (120 days before) and at expiry — to the producer's accounts and the officers whose
scope holds it, by email and in the app, once each (a Reminder row per certificate and stage)."""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ocop.certificates import lifecycle
from ocop.certificates.models import Certificate, Reminder
from ocop.core import rights
from ocop.core.models import Notification

STAGES = ("window_open", "window_closing", "expired")
logger = logging.getLogger("ocop.reminders")
EXPIRED_REMINDER_DAYS = 90  # an expiry older than this is a worklist item, not news


@dataclass(frozen=True)
class Due:
    certificate: Certificate
    stage: str


def stage_dates(certificate: Certificate) -> dict[str, datetime.date]:
    opens, closes = lifecycle.window(certificate.valid_until)
    return {
        "window_open": opens,
        "window_closing": closes,
        "expired": certificate.valid_until + datetime.timedelta(days=1),
    }


def due_on(day: datetime.date) -> list[Due]:
    """Stages reached by `day` and not yet reminded, for each product's current (latest, unrevoked) certificate."""
    horizon = day + datetime.timedelta(days=lifecycle.WINDOW_OPENS_DAYS)
    candidates = (
        Certificate.objects.filter(revoked_on__isnull=True, issued_on__lte=day)
        .filter(valid_until__lte=horizon, valid_until__gte=day - datetime.timedelta(days=EXPIRED_REMINDER_DAYS))
        .select_related("product__producer__commune")
        .prefetch_related("reminders")
    )
    due = []
    for certificate in candidates:
        if certificate.status_on(day) == lifecycle.Status.SUPERSEDED:
            continue
        sent = {r.stage for r in certificate.reminders.all()}
        reached = [s for s, when in stage_dates(certificate).items() if when <= day and s not in sent]
        if reached:  # only the latest stage: a late run does not send three messages at once
            due.append(Due(certificate, reached[-1]))
    return due


def recipients(certificate: Certificate) -> QuerySet:
    """Who the rights table says is reminded of this certificate: its producer's accounts, and the commune and
    province officers whose unit holds its commune."""
    return rights.holders("remind", certificate)


def message(certificate: Certificate, stage: str) -> tuple[str, str]:
    until = date_format(certificate.valid_until, "SHORT_DATE_FORMAT")
    product = certificate.product.name
    if stage == "window_open":
        title = _("Re-evaluation window open: %(product)s") % {"product": product}
        body = _("Certificate %(number)s expires on %(until)s. File the re-evaluation dossier in the next 60 days.")
    elif stage == "window_closing":
        title = _("Re-evaluation window closes: %(product)s") % {"product": product}
        body = _("Certificate %(number)s expires on %(until)s; the window to file its re-evaluation closes today.")
    else:
        title = _("Certificate expired: %(product)s") % {"product": product}
        body = _("Certificate %(number)s expired on %(until)s. The product may no longer use the OCOP mark.")
    return title, body % {"number": certificate.number, "until": until}


def send_due(day: datetime.date) -> int:
    """Send every due reminder once; returns how many certificate stages were reminded."""
    count = 0
    for item in due_on(day):
        try:
            with transaction.atomic():
                for stage in STAGES[: STAGES.index(item.stage) + 1]:  # earlier stages are past: never send them late
                    Reminder.objects.get_or_create(certificate=item.certificate, stage=stage, defaults={"sent_on": day})
                _notify(item)
        except IntegrityError:  # another worker sent it first
            continue
        count += 1
    return count


def _notify(item: Due) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        title, body = message(item.certificate, item.stage)
    key = f"certificate:{item.certificate.pk}:{item.stage}"
    emails = []
    for user in recipients(item.certificate):
        Notification.objects.get_or_create(
            user=user, key=key, defaults={"title": title, "body": body, "url": item.certificate.get_absolute_url()}
        )
        if user.email:
            emails.append(user.email)
    if emails:
        try:
            send_mail(title, body, None, emails)
        except OSError:  # the in-app notice is there; a mail server hiccup must not stop the other reminders
            logger.exception("Reminder email for certificate %s not sent", item.certificate.pk)
