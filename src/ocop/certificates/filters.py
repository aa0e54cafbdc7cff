import datetime

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ocop.core.filters import FilterForm


class CertificateFilter(FilterForm):
    stars = forms.TypedChoiceField(
        label=_("Stars"), required=False, coerce=int, empty_value=None,
        choices=[("", _("All")), (3, "3★"), (4, "4★"), (5, "5★")],
    )  # fmt: skip
    valid_only = forms.BooleanField(label=_("Valid on the date only"), required=False)

    address_field = "product__producer__addresses"
    search_lookups = ("product__search_text__contains", "number__icontains", "product_code__contains")
    sort_fields = {
        "-issued": (_("Newest first"), ["-issued_on", "-id"]),
        "valid_until": (_("Expiring first"), ["valid_until", "id"]),
        "number": (_("Number"), ["number"]),
    }
    default_sort = "-issued"
    exact_filters = {"stars": "stars"}

    def apply(self, qs: QuerySet) -> QuerySet:
        qs = super().apply(qs)
        if self.cleaned_data.get("valid_only"):
            qs = qs.valid_on(self.cleaned_data.get("at") or datetime.date.today())
        return qs
