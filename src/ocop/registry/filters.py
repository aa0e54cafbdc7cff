from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ocop.places.filters import UnitFilterForm
from ocop.registry.choices import Ethnicity, Gender, LegalForm, ProductStatus
from ocop.registry.models import Producer, ProductSet


def _blank(choices: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [("", _("All")), *choices]


class ProducerFilter(UnitFilterForm):
    legal_form = forms.ChoiceField(label=_("Legal form"), required=False, choices=_blank(LegalForm.choices))
    gender = forms.ChoiceField(label=_("Representative's gender"), required=False, choices=_blank(Gender.choices))
    ethnicity = forms.ChoiceField(label=_("Ethnicity"), required=False, choices=_blank(Ethnicity.choices))

    model = Producer  # gender and ethnicity are personal: offered with the "personal" right only
    address_field = "addresses"
    sort_fields = {
        "name": (_("Name A–Z"), ["name", "id"]),
        "-name": (_("Name Z–A"), ["-name", "-id"]),
        "tax_code": (_("Tax number"), ["tax_code"]),
        "commune": (_("Commune"), ["commune__path", "name"]),
        "-updated": (_("Recently changed"), ["-updated_at", "-id"]),
    }
    default_sort = "name"
    exact_filters = {
        "legal_form": "legal_form",
        "gender": "representative_gender",
        "ethnicity": "representative_ethnicity",
    }


class ProductFilter(UnitFilterForm):
    product_set = forms.TypedChoiceField(label=_("Product set"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=_blank(ProductStatus.choices))
    producer = forms.IntegerField(label=_("Producer"), required=False, min_value=1, max_value=2**63 - 1)

    address_field = "producer__addresses"
    sort_fields = {
        "name": (_("Name A–Z"), ["name", "id"]),
        "-name": (_("Name Z–A"), ["-name", "-id"]),
        "producer": (_("Producer"), ["producer__name", "name"]),
        "product_set": (_("Product set"), ["product_set_id", "name"]),
        "-updated": (_("Recently changed"), ["-updated_at", "-id"]),
    }
    default_sort = "name"
    exact_filters = {"product_set": "product_set_id", "status": "status", "producer": "producer_id"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["product_set"]).choices = [("", _("All"))] + [
            (s.number, str(s)) for s in ProductSet.objects.all()
        ]


class WorkforceFilter(UnitFilterForm):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    producer = forms.IntegerField(label=_("Producer"), required=False, min_value=1, max_value=2**63 - 1)

    address_field = "producer__addresses"
    search_lookups = ("producer__search_text__contains",)
    sort_fields = {
        "producer": (_("Producer"), ["producer__name", "-year"]),
        "-year": (_("Newest year first"), ["-year", "producer__name"]),
    }
    default_sort = "producer"
    exact_filters = {"year": "year", "producer": "producer_id"}
