"""The `unit` filter of the filter forms (core/filters.py), which reads the administrative map.

`unit` takes a unit's code or key (links, the API) or its name as the unit picker sends it; names are read
among the units of the person's scope when the form knows the person (`user=`).
"""

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ocop.core.filters import FilterForm, is_code
from ocop.places import picker
from ocop.places.forms import UnitPicker
from ocop.places.models import Unit
from ocop.places.queries import find_unit, path_filter, scope_prefixes


class UnitFilterForm(FilterForm):
    unit = forms.CharField(
        label=gettext_lazy("Administrative unit"), required=False, max_length=300, widget=UnitPicker(ids=False)
    )
    field_order = ["q", "unit", "at", "sort"]  # the unit beside the search, as on every list page

    # Path from the model to its producer's address history ("producer__addresses"): a unit filter asks
    # where the producer was registered on the filter's date, so records keep the unit of their time.
    address_field = ""

    def __init__(self, data: Any = None, *, user: Any = None, **kwargs: Any) -> None:
        super().__init__(data, user=user, **kwargs)
        units = picker.units_in_scope(user) if user is not None else Unit.objects.all()
        self.fields["unit"].widget.candidates = units

    def clean(self) -> dict[str, Any]:
        data = super().clean()
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

    def apply(self, qs: QuerySet) -> QuerySet:
        """Filter and sort `qs`. Call only when is_valid()."""
        data = self.cleaned_data
        if data.get("unit") is not None:
            day, addresses = data.get("at") or timezone.localdate(), self.address_field
            on_day = Q(**{f"{addresses}__valid_from__lte": day}) & (
                Q(**{f"{addresses}__valid_to__isnull": True}) | Q(**{f"{addresses}__valid_to__gte": day})
            )
            qs = qs.filter(path_filter(f"{addresses}__commune", scope_prefixes(data["unit"])) & on_day)
        return super().apply(qs)
