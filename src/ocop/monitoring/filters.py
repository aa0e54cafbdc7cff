"""The inspections' list filter (the page and, later, the API and exports)."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ocop.core.filters import FilterForm
from ocop.monitoring import queries
from ocop.monitoring.choices import InspectionKind


class InspectionFilter(FilterForm):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2019, max_value=2100)
    kind = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("All")), *InspectionKind.choices])
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("All")), *[(k, v) for k, v in queries.STATES.items()]]
    )
    plan = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)

    search_lookups = ("product__search_text__contains",)
    sort_fields: dict[str, Any] = {
        "-scheduled_on": (_("Newest first"), ["-scheduled_on", "-id"]),
        "scheduled_on": (_("Oldest first"), ["scheduled_on", "id"]),
        "remedy_due": (_("Remedy deadline"), ["remedy_due", "id"]),
    }
    default_sort = "-scheduled_on"
    exact_filters = {"year": "scheduled_on__year", "kind": "kind", "plan": "plan_id"}

    def apply(self, qs: QuerySet) -> QuerySet:
        qs = super().apply(qs)
        state = self.cleaned_data.get("state")
        return queries.in_state(qs, state, timezone.localdate()) if state else qs
