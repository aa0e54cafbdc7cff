"""The public catalogue's filter set (the pattern of the apps' filters.py, lenient as befits the public:
unknown values are dropped, never fatal)."""

import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ocop.places.choices import Level, map_at
from ocop.places.models import Unit
from ocop.portal import search
from ocop.portal.models import valid_q
from ocop.registry.choices import LegalForm
from ocop.registry.models import ProductSet

SORTS = {
    "name": ("sort_name", "product_id"),
    "stars": ("-stars", "sort_name", "product_id"),
    "newest": ("-issued_on", "sort_name", "product_id"),
}
SORT_CHOICES = [("name", _("Name A–Z")), ("stars", _("Most stars")), ("newest", _("Newest certificate"))]


class CatalogueFilter(forms.Form):
    """The catalogue's filter set: parses the query (a bad value drops its filter, never the page), narrows
    the public entries, then sorts them — by relevance for a narrow search, else by the chosen order."""

    q = forms.CharField(label=_("Search products"), required=False, max_length=10_000)
    stars = forms.TypedChoiceField(
        label=_("Stars"), required=False, coerce=int, empty_value=None,
        choices=[("", _("Any")), ("3", "3★"), ("4", "4★"), ("5", "5★")],
    )  # fmt: skip
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    product_set = forms.TypedChoiceField(label=_("Product set"), required=False, coerce=int, empty_value=None)
    province = forms.ModelChoiceField(label=_("Province"), required=False, queryset=Unit.objects.none())
    commune = forms.ModelChoiceField(label=_("Commune / ward"), required=False, queryset=Unit.objects.none())
    legal_form = forms.ChoiceField(
        label=_("Producer type"), required=False, choices=[("", _("Any")), *LegalForm.choices]
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, data: Any, *, today: datetime.date, sets: list[ProductSet], provinces: list[Unit]) -> None:
        super().__init__(data)
        self.today = today
        sectors = sorted({(s.sector_code, s.sector_name) for s in sets})
        self.fields["sector"].choices = [("", _("Any")), *sectors]
        groups: dict[str, list[tuple[int, str]]] = {}
        for product_set in sets:
            groups.setdefault(product_set.group_name, []).append((product_set.number, product_set.name))
        self.fields["product_set"].choices = [("", _("Any")), *groups.items()]
        self.fields["province"].queryset = Unit.objects.filter(pk__in=[p.pk for p in provinces])
        self.fields["province"].choices = [("", _("Whole country")), *((p.pk, p.name) for p in provinces)]
        self.fields["province"].widget.choices = self.fields["province"].choices
        communes = Unit.objects.none()
        province_id = (data or {}).get("province")
        if province_id and str(province_id).isdigit():
            communes = Unit.objects.filter(map=map_at(today), level=Level.COMMUNE, parent_id=int(province_id)).order_by(
                "name"
            )
        self.fields["commune"].queryset = communes
        self.commune_choices_shown = province_id is not None and communes.exists()

    def cleaned(self) -> dict[str, Any]:
        """The valid part of the request: a bad value in one filter drops that filter, not the page."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data.get(name) for name in self.fields if name not in self.errors}

    @property
    def narrows(self) -> bool:
        """Whether a filter other than the search words is chosen."""
        return any(value for name, value in self.cleaned().items() if name != "q")

    def apply(self, entries: QuerySet) -> QuerySet:
        """`entries` (the public catalogue) narrowed to the chosen filters."""
        chosen = self.cleaned()
        if chosen.get("q"):
            entries = search.matching(entries, chosen["q"])
        if chosen.get("stars"):  # stars are shown only while the certificate is valid
            entries = entries.filter(stars=chosen["stars"]).filter(valid_q(self.today))
        if chosen.get("sector"):
            entries = entries.filter(sector_code=chosen["sector"])
        if chosen.get("product_set"):
            entries = entries.filter(product_set_id=chosen["product_set"])
        if chosen.get("commune"):
            entries = entries.filter(commune=chosen["commune"])
        elif chosen.get("province"):
            entries = entries.filter(unit_path__startswith=chosen["province"].path)
        if chosen.get("legal_form"):
            entries = entries.filter(legal_form=chosen["legal_form"])
        return entries

    def in_order(self, entries: QuerySet, found: int) -> QuerySet:
        """`entries` (`found` of them) in order: a narrow search by relevance; a broad one ("ca": 15,000
        products) in name order, which the index serves without sorting them all."""
        chosen = self.cleaned()
        if chosen.get("q") and not chosen.get("sort") and found <= search.RANK_AT_MOST:
            return search.by_relevance(entries, chosen["q"])
        return entries.order_by(*SORTS[chosen.get("sort") or "name"])
