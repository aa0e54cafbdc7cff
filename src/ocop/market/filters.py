"""Filter forms of the market lists (shared by the pages, the API and the exports)."""

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ocop.market.choices import (
    ActivityKind,
    ActivityStatus,
    EventKind,
    EventLevel,
    RuralLevel,
    SalesPointKind,
    SupportKind,
)
from ocop.places.filters import UnitFilterForm


def _all(choices: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [("", _("All")), *choices]


class PlacedFilter(UnitFilterForm):
    """Records placed on a unit: the unit filter reads their own unit (a unit of either map covers the
    units it became or came from)."""

    unit_field = "unit"

    def apply(self, qs: QuerySet) -> QuerySet:
        from ocop.places.queries import path_filter, scope_prefixes

        unit = self.cleaned_data.pop("unit", None)
        qs = super().apply(qs)
        self.cleaned_data["unit"] = unit
        return qs.filter(path_filter(self.unit_field, scope_prefixes(unit))) if unit is not None else qs


class EventFilter(PlacedFilter):
    kind = forms.ChoiceField(label=_("Type"), required=False, choices=_all(EventKind.choices))
    level = forms.ChoiceField(label=_("Level"), required=False, choices=_all(EventLevel.choices))
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    registration = forms.BooleanField(label=_("Open for registration"), required=False)

    search_lookups = ("search_text__contains",)
    sort_fields = {
        "-starts_on": (_("Newest first"), ["-starts_on", "name"]),
        "starts_on": (_("Oldest first"), ["starts_on", "name"]),
        "name": (_("Name A–Z"), ["name", "id"]),
    }
    default_sort = "-starts_on"
    exact_filters = {"kind": "kind", "level": "level", "year": "starts_on__year"}

    def apply(self, qs: QuerySet) -> QuerySet:
        from ocop.market.queries import open_for_registration

        qs = super().apply(qs)
        if self.cleaned_data.get("registration"):
            qs = open_for_registration(qs, self.cleaned_data.get("at") or timezone.localdate())
        return qs


class ParticipationFilter(UnitFilterForm):
    event = forms.IntegerField(label=_("Event"), required=False, min_value=1, max_value=2**63 - 1)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)

    address_field = "producer__addresses"
    search_lookups = ("producer__search_text__contains", "event__search_text__contains")
    sort_fields = {
        "-date": (_("Newest first"), ["-event__starts_on", "producer__name"]),
        "producer": (_("Producer"), ["producer__name", "-event__starts_on"]),
    }
    default_sort = "-date"
    exact_filters = {"event": "event_id", "year": "event__starts_on__year"}


class SalesPointFilter(PlacedFilter):
    kind = forms.ChoiceField(label=_("Type"), required=False, choices=_all(SalesPointKind.choices))
    open_only = forms.BooleanField(label=_("Open on the date only"), required=False)

    search_lookups = ("search_text__contains",)
    sort_fields = {"name": (_("Name A–Z"), ["name", "id"]), "-opened": (_("Newest first"), ["-opened_on", "name"])}
    default_sort = "name"
    exact_filters = {"kind": "kind"}

    def apply(self, qs: QuerySet) -> QuerySet:
        qs = super().apply(qs)
        if self.cleaned_data.get("open_only"):
            day = self.cleaned_data.get("at") or timezone.localdate()
            qs = qs.filter(opened_on__lte=day).filter(Q(closed_on__isnull=True) | Q(closed_on__gte=day))
        return qs


class ListingFilter(UnitFilterForm):
    sales_point = forms.IntegerField(label=_("Sales point"), required=False, min_value=1, max_value=2**63 - 1)
    product = forms.IntegerField(label=_("Product"), required=False, min_value=1, max_value=2**63 - 1)

    address_field = "product__producer__addresses"
    search_lookups = ("product__search_text__contains", "sales_point__search_text__contains")
    sort_fields = {"-since": (_("Newest first"), ["-since", "id"])}
    default_sort = "-since"
    exact_filters = {"sales_point": "sales_point_id", "product": "product_id"}


class CommuneStatusFilter(PlacedFilter):
    level = forms.ChoiceField(label=_("Status"), required=False, choices=_all(RuralLevel.choices))
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)

    search_lookups = ("unit__search_text__contains", "decision_number__icontains")
    sort_fields = {"-year": (_("Newest year first"), ["-year", "unit__name"])}
    default_sort = "-year"
    exact_filters = {"level": "level", "year": "year"}


class CraftVillageFilter(PlacedFilter):
    tourism = forms.NullBooleanField(label=_("Linked to tourism"), required=False)

    search_lookups = ("search_text__contains",)
    sort_fields = {"name": (_("Name A–Z"), ["name", "id"])}
    default_sort = "name"
    exact_filters = {"tourism": "tourism"}


class ActivityFilter(PlacedFilter):
    kind = forms.ChoiceField(label=_("Type"), required=False, choices=_all(ActivityKind.choices))
    status = forms.ChoiceField(label=_("Status"), required=False, choices=_all(ActivityStatus.choices))
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)

    search_lookups = ("search_text__contains",)
    sort_fields = {"-starts_on": (_("Newest first"), ["-starts_on", "title"]), "title": (_("Title"), ["title"])}
    default_sort = "-starts_on"
    exact_filters = {"kind": "kind", "status": "status", "year": "starts_on__year"}


class SupportFilter(UnitFilterForm):
    kind = forms.ChoiceField(label=_("Type"), required=False, choices=_all(SupportKind.choices))
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    producer = forms.IntegerField(label=_("Producer"), required=False, min_value=1, max_value=2**63 - 1)

    address_field = "producer__addresses"
    search_lookups = ("producer__search_text__contains", "description__icontains")
    sort_fields = {"-received_on": (_("Newest first"), ["-received_on", "id"])}
    default_sort = "-received_on"
    exact_filters = {"kind": "kind", "year": "received_on__year", "producer": "producer_id"}
