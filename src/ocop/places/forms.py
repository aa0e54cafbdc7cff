"""The unit picker in forms: a text box that takes a name (old or new) and offers the matching units.

Without JavaScript it is a search box: the page reads the name back, and when several units match it lists
them as choices under the box. With JavaScript (static/ocop/picker.js) the matches appear as you type, from
the search endpoint (places.views.UnitSearch), which rebuilds the same candidates from the field's source.
"""

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse

from ocop.places import picker
from ocop.places.models import Unit, UnitQuerySet


class UnitPicker(forms.TextInput):
    template_name = "places/widgets/unit_picker.html"

    def __init__(self, attrs: dict[str, Any] | None = None, *, ids: bool = True) -> None:
        super().__init__(attrs)
        self.source = "scope"
        self.params: dict[str, str] = {}
        self.ids = ids  # a bare number is a unit's id (forms' initial values); in filters it is a code
        self.candidates: UnitQuerySet = Unit.objects.none()
        self.chosen: Unit | None = None  # the unit the value was read as
        self.matches: list[tuple[str, str]] = []  # (key, label) when the value matched several units

    def show_matches(self, units: list[Unit]) -> None:
        """Offer these units as "which one?" choices under the box (the value matched several)."""
        found = picker.labels(units)
        self.matches = [(unit.key, found[unit.pk]) for unit in units]

    def search_url(self) -> str:
        return reverse("places:unit_search") + "?" + urlencode({"source": self.source, **self.params})

    def shown(self, value: Any) -> str:
        """The box's text: a unit's label, or what the person typed (to correct it)."""
        if self.chosen is not None:
            return picker.label(self.chosen)
        if isinstance(value, Unit):
            return picker.label(value)
        text = "" if value is None else str(value)
        if text.isdigit() and self.ids:  # the form's initial value: a unit's id
            unit = self.candidates.filter(pk=text).select_related("parent__parent").first()
            return picker.label(unit) if unit else text
        if ":" in text and " " not in text:  # a key from a "which one?" choice or a link
            unit = picker.read(text, self.candidates).unit
            return picker.label(unit) if unit else text
        return text

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, None, attrs)
        context["widget"].update(value=self.shown(value), search_url=self.search_url(), matches=self.matches)
        return context

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        # A "which one?" choice comes after the box in the form, so it is the last value sent under the name.
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        chosen = [v for v in values if v not in (None, "")]
        return chosen[-1] if chosen else None


class UnitField(forms.ModelChoiceField):
    """A ModelChoiceField over units, chosen by name with the picker; ids (from older clients) still work."""

    widget: UnitPicker = UnitPicker  # type: ignore[assignment]  # Django makes an instance of the class

    def __init__(self, *, source: str = "scope", params: dict[str, str] | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", Unit.objects.none())
        super().__init__(**kwargs)
        self.widget.source, self.widget.params = source, params or {}

    def offer(self, queryset: UnitQuerySet, source: str, **params: str) -> None:
        """Limit the choice to `queryset`, which the source of that name rebuilds for the search endpoint."""
        self.queryset = queryset
        self.widget.source, self.widget.params = source, params

    # Django's private queryset property, which the stubs do not declare.
    def _set_queryset(self, queryset: UnitQuerySet | None) -> None:
        super()._set_queryset(queryset)  # type: ignore[misc]
        self.widget.candidates = self._queryset  # type: ignore[attr-defined]

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)  # type: ignore[attr-defined]

    def to_python(self, value: Any) -> Unit | None:
        if value in self.empty_values:
            return None
        if isinstance(value, Unit) or str(value).isdigit():
            return super().to_python(value)
        text = str(value)
        reading = picker.read(text, self.queryset)
        if reading.unit is not None:
            self.widget.chosen = reading.unit
            return reading.unit
        self.widget.show_matches(reading.matches)
        raise ValidationError(picker.problem(text, reading), code="invalid_choice")

    def prepare_value(self, value: Any) -> Any:
        return value.pk if isinstance(value, Unit) else value

    def has_changed(self, initial: Any, data: Any) -> bool:
        # The box sends a label, the form's initial value is an id: compare the units they mean.
        if self.disabled:
            return False
        try:
            unit = self.to_python(data)
        except ValidationError:
            return True
        before = initial.pk if isinstance(initial, Unit) else initial
        return str(unit.pk if unit else "") != str(before or "")
