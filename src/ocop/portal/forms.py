"""The catalogue's search and filters, and the public's misuse report. Unknown values are dropped, never fatal."""

import datetime
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ocop.places.choices import Level, map_at
from ocop.places.models import Unit
from ocop.registry.choices import LegalForm
from ocop.registry.models import ProductSet

SORTS = {
    "name": ("sort_name", "product_id"),
    "stars": ("-stars", "sort_name", "product_id"),
    "newest": ("-issued_on", "sort_name", "product_id"),
}
SORT_CHOICES = [("name", _("Name A–Z")), ("stars", _("Most stars")), ("newest", _("Newest certificate"))]


class CatalogueForm(forms.Form):
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
        sectors = sorted({(s.sector_code, s.sector_name) for s in sets})
        cast(forms.ChoiceField, self.fields["sector"]).choices = [("", _("Any")), *sectors]
        groups: dict[str, list[tuple[int, str]]] = {}
        for product_set in sets:
            groups.setdefault(product_set.group_name, []).append((product_set.number, product_set.name))
        cast(forms.ChoiceField, self.fields["product_set"]).choices = [("", _("Any")), *groups.items()]
        cast(forms.ModelChoiceField, self.fields["province"]).queryset = Unit.objects.filter(
            pk__in=[p.pk for p in provinces]
        )
        cast(forms.ChoiceField, self.fields["province"]).choices = [
            ("", _("Whole country")),
            *((p.pk, p.name) for p in provinces),
        ]
        self.fields["province"].widget.choices = cast(forms.ChoiceField, self.fields["province"]).choices
        communes = Unit.objects.none()
        province_id = (data or {}).get("province")
        if province_id and str(province_id).isdigit():
            communes = Unit.objects.filter(map=map_at(today), level=Level.COMMUNE, parent_id=int(province_id)).order_by(
                "name"
            )
        cast(forms.ModelChoiceField, self.fields["commune"]).queryset = communes
        self.commune_choices_shown = province_id is not None and communes.exists()

    def cleaned(self) -> dict[str, Any]:
        """The valid part of the request: a bad value in one filter drops that filter, not the page."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data.get(name) for name in self.fields if name not in self.errors}


class MisuseReportForm(forms.Form):
    code = forms.CharField(label=_("Verification code or certificate number on the label"), required=False,
                           max_length=40)  # fmt: skip
    product_name = forms.CharField(label=_("Product name as labelled"), required=False, max_length=255)
    seen_at = forms.CharField(label=_("Where did you see it? (shop, address, web page)"), max_length=255)
    description = forms.CharField(
        label=_("What looks wrong?"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    contact = forms.CharField(label=_("Your phone or email, if you want an answer"), required=False, max_length=255)
    # The honeypot: hidden from people by CSS and aria-hidden; robots that fill every field give themselves away.
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=255)
    product = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data  # the stubs allow None; Django returns cleaned_data
        if not data.get("code") and not data.get("product_name") and not data.get("product"):
            raise forms.ValidationError(_("Give the code on the label or the product's name."))
        return data
