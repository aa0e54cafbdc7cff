"""Certificates' part of the worker's daily run (core/daily.py): the reminders due today."""

import datetime

from ocop.certificates.reminders import send_due
from ocop.core import daily


@daily.register(10)
def send_reminders(day: datetime.date) -> int:
    return send_due(day)
