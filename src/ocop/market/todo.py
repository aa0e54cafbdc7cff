"""The market's part of the things-to-do page (core/todo.py): events a producer may still register for."""

import datetime
from urllib.parse import urlencode

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils.translation import gettext as _

from ocop.core import rights, todo
from ocop.market.models import Event
from ocop.market.queries import open_for_registration


@todo.register(60)
def events_open(user: User, today: datetime.date) -> todo.Section | None:
    if rights.acting_producer(user) is None:
        return None
    count = open_for_registration(Event.objects.for_user(user), today).count()
    items = []
    if count:
        url = reverse("market:event_list") + "?" + urlencode({"registration": "on"})
        items.append(todo.Item(_("Events open for registration"), url, count=count))
    return todo.Section(_("Fairs and events"), items, empty=_("No event is open for registration now."))
