"""Filter forms: one per model, shared by the list page, the API and exports.

A filter form parses query parameters (q, at, sort and the model's own), reports bad values as form errors in
Vietnamese, and applies itself to a queryset that is already scoped to the user. The `unit` filter, which reads
the administrative map, is added by `ocop.places.filters.UnitFilterForm` (core knows no domain app).
"""

from collections.abc import Mapping
from typing import Any

from django import forms
from django.db.models import Model, Q, QuerySet
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy
from ninja import Field, Schema
from pydantic import create_model

from ocop.core import rights
from ocop.core.text import fold
from ocop.core.types import RequestUser


def is_code(text: str) -> bool:
    """An official code ("70", "25216") or a key ("legacy:70"), as links and API clients send them."""
    return text.isdigit() or (":" in text and " " not in text)


class FilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=200)
    at = forms.DateField(label=gettext_lazy("On date"), required=False)
    sort = forms.ChoiceField(label=gettext_lazy("Sort by"), required=False)

    sort_fields: dict[str, Any] = {}  # public sort key → (label, order_by fields)
    exact_filters: dict[str, str] = {}  # form field → model lookup it filters on when given
    search_lookups: tuple[str, ...] = ("search_text__contains",)  # each folded word must match one
    default_sort = ""
    # The model filtered: an exact filter on one of its personal fields (`personal_fields`) would tell each
    # record's value, so it is offered only to those who read them (`rights.sees_personal`), and narrows to the
    # records whose personal data the person reads.
    model: type[Model] | None = None

    def __init__(
        self, data: Mapping[str, Any] | None = None, *, user: RequestUser | None = None, **kwargs: Any
    ) -> None:
        super().__init__(data if data is not None else {}, **kwargs)
        self.user = user
        self.fields["sort"].choices = [("", "—")] + [(key, label) for key, (label, _f) in self.sort_fields.items()]
        personal = rights.personal_fields(self.model)
        self.personal_filters = [name for name, lookup in self.exact_filters.items() if lookup in personal]
        self.refused_filters = {}
        if self.personal_filters and self.model is not None and not rights.sees_personal(user, self.model):
            self.refused_filters = {name: self.fields.pop(name).label for name in self.personal_filters}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data  # the stubs allow None; Django returns cleaned_data
        for name, label in self.refused_filters.items():
            if self.data.get(name) not in (None, ""):
                message = gettext("You cannot filter by “%(filter)s”: it is personal data you may not read.")
                self.add_error(None, message % {"filter": label})
        return data

    def error_dict(self) -> dict[str, str]:
        return {field: " ".join(str(m) for m in messages) for field, messages in self.errors.items()}

    def apply(self, qs: QuerySet) -> QuerySet:
        """Filter and sort `qs`. Call only when is_valid()."""
        data = self.cleaned_data
        if data.get("q"):
            for word in fold(data["q"]).split():
                match = Q(pk__in=[])
                for lookup in self.search_lookups:
                    match |= Q(**{lookup: word})
                qs = qs.filter(match)
        qs = apply_exact(qs, data, self.exact_filters)
        if self.model is not None and any(data.get(name) not in (None, "") for name in self.personal_filters):
            readable = rights.rights_q(self.user, self.model, "personal")
            qs = qs if readable is None else qs.filter(readable)
        sort = data.get("sort") or self.default_sort
        return qs.order_by(*self.sort_fields[sort][1]) if sort else qs


def apply_exact(qs: QuerySet, data: dict[str, Any], lookups: dict[str, str]) -> QuerySet:
    """Filter on each given (non-empty) value: {"legal_form": "legal_form", "producer": "producer_id"}."""
    given = {lookup: data[field] for field, lookup in lookups.items() if data.get(field) not in (None, "")}
    return qs.filter(**given)


def _hint(field: forms.Field) -> str:
    """What a filter accepts, for the API's documentation (the filter form itself checks it)."""
    if isinstance(field, forms.ModelChoiceField):
        return "an id"
    if isinstance(field, forms.ChoiceField):
        return "one of: " + ", ".join(str(key) for key, _label in field.choices if key not in ("", None))
    if isinstance(field, forms.DateField):
        return "a date, YYYY-MM-DD"
    if isinstance(field, forms.IntegerField):
        return "a whole number"
    if isinstance(field, forms.BooleanField):
        return "true to apply"
    return "text"


def query_schema(filter_class: type[forms.Form]) -> type[Schema]:
    """The filter set's parameters as a query schema, so the API's OpenAPI document lists them. Each is typed
    as text: the filter form stays the one validation (a bad value is its 400 naming the filter)."""
    fields: dict[str, Any] = {}
    with translation.override("en"):
        for name, field in filter_class.base_fields.items():
            choices = getattr(filter_class, "sort_fields", {}) if name == "sort" else None
            hint = "one of: " + ", ".join(choices) if choices else _hint(field)
            fields[name] = (str | None, Field(None, description=f"{field.label} — {hint}"))
    return create_model(f"{filter_class.__name__}Query", __base__=Schema, **fields)
