"""The portal's part of the worker's daily run (core/daily.py): the catalogue rebuilt (certificates issued with a
future date come into force, the map may have moved), and misuse reporters' contacts dropped past retention."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from ocop.core import daily
from ocop.core.history import log_change
from ocop.core.models import ChangeLog
from ocop.portal import catalogue
from ocop.portal.models import MisuseReport

REMOVED = "—"  # what the log keeps of a dropped personal value: that there was one, not what it was


@daily.register(20)
def rebuild_catalogue(day: datetime.date) -> int:
    return catalogue.rebuild(day)


@daily.register(30)
@transaction.atomic
def forget_reporters(day: datetime.date) -> int:
    """Reports older than `OCOP_MISUSE_CONTACT_DAYS` lose the reporter's contact and hashed address, in the record
    and in the change log's copies of it; the drop itself is logged, without the values."""
    cutoff = day - datetime.timedelta(days=settings.OCOP_MISUSE_CONTACT_DAYS)
    fields = MisuseReport.personal_fields
    old = MisuseReport.objects.filter(created_at__date__lt=cutoff).exclude(contact="", client_hash="")
    reports = list(old.select_for_update())
    for report in reports:
        before = {name: REMOVED for name in fields if getattr(report, name)}
        MisuseReport.objects.filter(pk=report.pk).update(**dict.fromkeys(fields, ""))  # no copy in a new entry
        log_change(report, "update", before, dict.fromkeys(before, ""))
    content_type = ContentType.objects.get_for_model(MisuseReport)
    entries = ChangeLog.objects.filter(content_type=content_type, object_id__in=[str(r.pk) for r in reports])
    for entry in entries:
        for side in (entry.before, entry.after):
            for name in fields:
                if side.get(name):
                    side[name] = REMOVED
        entry.save(update_fields=["before", "after"])
    return len(reports)
