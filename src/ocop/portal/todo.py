"""The portal's part of the things-to-do page (core/todo.py): misuse reports from the public to handle."""

import datetime
from urllib.parse import urlencode

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils.translation import gettext as _

from ocop.core import todo
from ocop.portal import misuse


@todo.register(50)
def misuse_reports(user: User, today: datetime.date) -> todo.Section | None:
    if not misuse.may_handle(user):
        return None
    count = misuse.open_reports(user).count()
    items = []
    if count:
        url = reverse("portal:misuse_list") + "?" + urlencode({"status": "open"})
        items.append(todo.Item(_("Reports to handle (new or being checked)"), url, count=count, urgent=True))
    return todo.Section(_("Suspected misuse reported by the public"), items, empty=_("No report to handle."))
