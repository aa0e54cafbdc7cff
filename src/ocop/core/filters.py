"""Filter forms: one per model, shared by the list page, the API and exports.

A filter form parses query parameters (q, unit, at, sort and the model's own), reports bad values as
form errors in Vietnamese, and applies itself to a queryset that is already scoped to the user.
`unit` takes a unit's code or key (links, the API) or its name as the unit picker sends it; names are read
among the units of the person's scope when the form knows the person (`user=`).
"""

import datetime
from collections.abc import Mapping
from typing import Any, cast

from django import forms
from django.db.models import Q, QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ocop.core.text import fold
from ocop.core.types import RequestUser
from ocop.places import picker
from ocop.places.forms import UnitPicker
from ocop.places.models import Unit


def is_code(text: str) -> bool:
    """An official code ("70", "25216") or a key ("legacy:70"), as links and API clients send them."""
    return text.isdigit() or (":" in text and " " not in text)


class FilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=200)
    unit = forms.CharField(
        label=gettext_lazy("Administrative unit"), required=False, max_length=300, widget=UnitPicker(ids=False)
    )
    at = forms.DateField(label=gettext_lazy("On date"), required=False)
    sort = forms.ChoiceField(label=gettext_lazy("Sort by"), required=False)

    # Path from the model to its producer's address history ("producer__addresses"): a unit filter asks
    # where the producer was registered on the filter's date, so records keep the unit of their time.
    address_field = ""
    sort_fields: dict[str, Any] = {}  # public sort key → (label, order_by fields)
    exact_filters: dict[str, str] = {}  # form field → model lookup it filters on when given
    search_lookups: tuple[str, ...] = ("search_text__contains",)  # each folded word must match one
    default_sort = ""

    def __init__(
        self, data: Mapping[str, Any] | None = None, *, user: RequestUser | None = None, **kwargs: Any
    ) -> None:
        super().__init__(data if data is not None else {}, **kwargs)
        self.user = user
        cast(forms.ChoiceField, self.fields["sort"]).choices = [("", "—")] + [
            (key, label) for key, (label, _f) in self.sort_fields.items()
        ]
        units = picker.units_in_scope(user) if user is not None else Unit.objects.all()
        self.fields["unit"].widget.candidates = units

    def clean(self) -> dict[str, Any]:
        from ocop.places.queries import find_unit

        data = super().clean() or self.cleaned_data  # the stubs allow None; Django returns cleaned_data
        code, day = (data.get("unit") or "").strip(), data.get("at")
        data["unit"] = None
        if not code:
            return data
        widget = self.fields["unit"].widget
        if is_code(code):
            unit = find_unit(code, at=day)
        else:
            reading = picker.read(code, widget.candidates)
            unit = reading.unit
            if unit is None:
                widget.show_matches(reading.matches)
                self.add_error("unit", picker.problem(code, reading))
                return data
        widget.chosen = unit
        if unit is None:
            self.add_error("unit", _("No administrative unit has the code “%(code)s”.") % {"code": code})
        elif day is not None and not unit.is_valid_at(day):
            self.add_error(
                "unit",
                _("%(unit)s did not exist on %(day)s.")
                % {"unit": unit.name, "day": date_format(day, "SHORT_DATE_FORMAT")},
            )
        else:
            data["unit"] = unit
        return data

    def error_dict(self) -> dict[str, str]:
        return {field: " ".join(str(m) for m in messages) for field, messages in self.errors.items()}

    def apply(self, qs: QuerySet) -> QuerySet:
        """Filter and sort `qs`. Call only when is_valid()."""
        from ocop.places.queries import path_filter, scope_prefixes

        data = self.cleaned_data
        if data.get("q"):
            for word in fold(data["q"]).split():
                match = Q(pk__in=[])
                for lookup in self.search_lookups:
                    match |= Q(**{lookup: word})
                qs = qs.filter(match)
        if data.get("unit") is not None:
            day, addresses = data.get("at") or datetime.date.today(), self.address_field
            on_day = Q(**{f"{addresses}__valid_from__lte": day}) & (
                Q(**{f"{addresses}__valid_to__isnull": True}) | Q(**{f"{addresses}__valid_to__gte": day})
            )
            qs = qs.filter(path_filter(f"{addresses}__commune", scope_prefixes(data["unit"])) & on_day)
        qs = apply_exact(qs, data, self.exact_filters)
        sort = data.get("sort") or self.default_sort
        return qs.order_by(*self.sort_fields[sort][1]) if sort else qs


def apply_exact(qs: QuerySet, data: dict[str, Any], lookups: dict[str, str]) -> QuerySet:
    """Filter on each given (non-empty) value: {"legal_form": "legal_form", "producer": "producer_id"}."""
    given = {lookup: data[field] for field, lookup in lookups.items() if data.get(field) not in (None, "")}
    return qs.filter(**given)
