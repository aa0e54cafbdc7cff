from django.db import models
from django.utils.translation import gettext_lazy as _


class Comparison(models.TextChoices):
    AT_LEAST = "gte", "≥"
    MORE_THAN = "gt", ">"
    AT_MOST = "lte", "≤"


class IndicatorStatus(models.TextChoices):
    MET = "met", _("Met")
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    OFF_TRACK = "off_track", _("Off track")
    NO_DATA = "no_data", _("No data")


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ONGOING = "ongoing", _("Ongoing")
    DONE = "done", _("Done")
    LATE = "late", _("Late")
