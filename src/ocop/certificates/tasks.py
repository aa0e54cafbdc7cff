"""Background jobs of certificates, run by `ocop worker` (django.tasks database backend)."""

import datetime

from django.tasks import task
from django.utils import timezone

from ocop.certificates.reminders import send_due
from ocop.core.context import changes_by
from ocop.exchange.jobs import safe_to_rerun

DAILY_AT = datetime.time(6, 0)


@safe_to_rerun  # each reminder is sent once (a Reminder row); a lost run must not end the daily rhythm
@task()
def send_reminders_daily() -> int:
    """Send today's reminders and refresh the public catalogue (certificates issued with a future date come
    into force, the map may have moved), then schedule tomorrow's run: the worker keeps the daily rhythm."""
    from ocop.portal import catalogue

    try:
        with changes_by("system", label="reminders"):
            sent = send_due(timezone.localdate())
        catalogue.rebuild()
        return sent
    finally:
        schedule_next()  # whatever happened today, tomorrow's run is queued


def schedule_next() -> None:
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    run_after = timezone.make_aware(datetime.datetime.combine(tomorrow, DAILY_AT))
    send_reminders_daily.using(run_after=run_after).enqueue()
