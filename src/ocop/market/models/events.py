from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ocop.core.history import track
from ocop.core.periods import Period
from ocop.core.rights import RightsQuerySet
from ocop.market.choices import OPEN_EVENT_LEVELS, EventKind, EventLevel
from ocop.market.models.search import Searchable

MONEY: dict[str, Any] = {
    "max_digits": 16,
    "decimal_places": 0,
    "null": True,
    "blank": True,
    "validators": [MinValueValidator(0)],
}


@track()
class Event(Searchable, Period):
    """A trade-promotion event: fair, exhibition, trade-connection conference, OCOP week, livestream."""

    scope_unit_field = "unit"
    scope_producer_field = "proposed_by"
    search_fields = ("name", "organiser", "place")
    period_start, period_end = "starts_on", "ends_on"

    @staticmethod
    def scope_open_q() -> Q:
        """Events open to every account: those placed on no unit, and regional, national, international ones."""
        return Q(unit__isnull=True) | Q(level__in=OPEN_EVENT_LEVELS)

    def scope_is_open(self) -> bool:
        return self.unit_id is None or self.level in OPEN_EVENT_LEVELS

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("type"), max_length=15, choices=EventKind.choices)
    level = models.CharField(_("level"), max_length=15, choices=EventLevel.choices)
    organiser = models.CharField(_("organiser"), max_length=255, blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True, help_text=_("Venue, or the platform online"))
    unit = models.ForeignKey(
        "places.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("held in (unit)"), help_text=_("Leave empty for events outside the country or online."),
    )  # fmt: skip
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    budget = models.DecimalField(_("support budget (VND)"), **MONEY)
    registration_open = models.BooleanField(_("producers may register"), default=False)
    proposed_by = models.ForeignKey(
        "registry.Producer", on_delete=models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name=_("proposed by producer"),
    )  # fmt: skip
    confirmed = models.BooleanField(_("confirmed by an office"), default=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = RightsQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "starts_on"],
                name="event_unique_name_and_start",
                violation_error_message=_("An event with this name already starts on that day."),
            ),
            Period.ordered(
                "starts_on",
                "ends_on",
                open_end=False,
                name="event_ends_after_start",
                message=_("An event cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
                name="event_budget_not_negative",
                violation_error_message=_("The budget cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("market:event_detail", args=[self.pk])


@track()
class Participation(models.Model):
    """A producer at an event. No products named means all its OCOP products on the event's dates."""

    scope_unit_field = "producer__commune"
    scope_producer_field = "producer"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participations", verbose_name=_("event"))
    producer = models.ForeignKey(
        "registry.Producer", on_delete=models.CASCADE, related_name="participations", verbose_name=_("producer")
    )
    products = models.ManyToManyField(
        "registry.Product", blank=True, related_name="participations", verbose_name=_("products shown"),
        help_text=_("None chosen: all its OCOP products on the event's dates."),
    )  # fmt: skip
    booth = models.CharField(_("booth"), max_length=60, blank=True)
    sales = models.DecimalField(_("sales (VND)"), **MONEY)
    contracts = models.PositiveIntegerField(_("contracts signed"), default=0)
    buyers_met = models.PositiveIntegerField(_("buyers met"), default=0)
    confirmed = models.BooleanField(_("attendance confirmed"), default=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = RightsQuerySet.as_manager()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["-event__starts_on", "producer__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "producer"],
                name="participation_once_per_event",
                violation_error_message=_("This producer is already registered for this event."),
            ),
            models.CheckConstraint(
                condition=Q(sales__isnull=True) | Q(sales__gte=0),
                name="participation_sales_not_negative",
                violation_error_message=_("Sales cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.producer} @ {self.event}"

    def get_absolute_url(self) -> str:
        return self.event.get_absolute_url()
