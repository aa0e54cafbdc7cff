"""Imports and exports on the things-to-do page (core/todo.py): the person's own jobs of the last days that
finished or failed, each count opening the list of exactly those jobs."""

import datetime
from urllib.parse import urlencode

from django.contrib.auth.models import User
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ocop.core import todo
from ocop.exchange.models import JobState
from ocop.exchange.recent import KINDS, RECENT_DAYS, recent

TEXTS = {
    ("import", JobState.DONE): _("Imports and checks finished"),
    ("import", JobState.FAILED): _("Imports that failed"),
    ("export", JobState.DONE): _("Exports finished"),
    ("export", JobState.FAILED): _("Exports that failed"),
}


@todo.register(90)
def recent_jobs(user: User, today: datetime.date) -> todo.Section | None:
    items = []
    for kind, model in KINDS.items():
        counts = dict(
            recent(model, user, RECENT_DAYS)
            .filter(state__in=[JobState.DONE, JobState.FAILED])
            .order_by()
            .values_list("state")
            .annotate(n=Count("id"))
        )
        for state in (JobState.DONE, JobState.FAILED):
            if counts.get(state):
                query = urlencode({"kind": kind, "state": state, "days": RECENT_DAYS})
                url = reverse("exchange:jobs") + "?" + query
                failed = state == JobState.FAILED
                items.append(todo.Item(str(TEXTS[kind, state]), url, count=counts[state], urgent=failed))
    if not items:
        return None
    return todo.Section(str(_("Your imports and exports (last %(n)s days)") % {"n": RECENT_DAYS}), items)
