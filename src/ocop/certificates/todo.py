"""Certificates' part of the things-to-do page (core/todo.py): for offices and viewers, certificates whose
re-evaluation window is open or missed and products still listed for sale after their certificate lapsed;
for producers, their own certificates' dates."""

import datetime
from urllib.parse import urlencode

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ocop.certificates import lifecycle, queries
from ocop.certificates.models import Certificate
from ocop.core import rights, todo

GROUPS = (
    # (worklist group, what the count says, urgent)
    ("in_window", gettext_lazy("Certificates in their re-evaluation window"), False),
    ("late", gettext_lazy("Certificates that missed the window, expiring within 120 days"), True),
    ("on_sale", gettext_lazy("Certificates lapsed or revoked while the product is still listed for sale"), True),
)


def day(value: datetime.date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


@todo.register(40)
def certificates_due(user: User, today: datetime.date) -> todo.Section | None:
    if rights.acting_producer(user) is not None or not rights.may(user, "view", Certificate):
        return None  # producer accounts see their own certificates below
    scoped = Certificate.objects.for_user(user)
    items = []
    for kind, text, urgent in GROUPS:
        count = queries.due(scoped, kind, today).count()
        if count:
            url = reverse("certificates:list") + "?" + urlencode({"due": kind})
            items.append(todo.Item(str(text), url, count=count, urgent=urgent))
    items.append(todo.Item(_("The whole certificate worklist"), reverse("certificates:worklist")))
    return todo.Section(_("Certificates"), items)


@todo.register(40)
def own_certificates(user: User, today: datetime.date) -> todo.Section | None:
    """Producers: each certificate still valid, with the dates that matter (valid until, when to file the
    re-evaluation); each one lapsed without a newer one in the last two years, or still on a shelf."""
    if rights.acting_producer(user) is None:
        return None
    scoped = Certificate.objects.for_user(user).select_related("product")
    valid = list(scoped.valid_on(today).order_by("valid_until"))
    lapsed = list(queries.due(scoped, "expired", today).order_by("-valid_until"))
    # Lapsed longer ago, or revoked, but still on a shelf somewhere: the label must come off or be renewed.
    on_sale = [c for c in queries.due(scoped, "on_sale", today) if c not in lapsed]
    items = []
    for certificate in valid:
        opens, closes = lifecycle.window(certificate.valid_until)
        if certificate.valid_until < today:  # kept valid by the transition rule until the decision
            note = _("expired on %(until)s; kept valid until the re-evaluation decision, at most until %(end)s") % {
                "until": day(certificate.valid_until), "end": day(certificate.extended_until),
            }  # fmt: skip
        else:
            note = _("valid until %(until)s · file the re-evaluation between %(opens)s and %(closes)s") % {
                "until": day(certificate.valid_until), "opens": day(opens), "closes": day(closes),
            }  # fmt: skip
        text = f"{certificate.product.name}: {certificate.stars}★ ({certificate.number})"
        items.append(todo.Item(text, certificate.get_absolute_url(), note=note, urgent=opens <= today))
    for certificate in [*lapsed, *on_sale]:
        if certificate.revoked_on is not None and certificate.revoked_on <= today:
            note = _("revoked on %(day)s") % {"day": day(certificate.revoked_on)}
        else:
            note = _("expired on %(until)s: no valid certificate now") % {"until": day(certificate.valid_until)}
        if certificate in on_sale:
            note += " · " + _("still listed for sale: take the OCOP label off or apply again")
        text = f"{certificate.product.name}: {certificate.stars}★ ({certificate.number})"
        items.append(todo.Item(text, certificate.get_absolute_url(), note=note, urgent=True))
    return todo.Section(_("Your certificates"), items, empty=_("No certificate yet."))
