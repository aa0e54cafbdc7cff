from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ocop.certificates import queries
from ocop.places.filters import UnitFilterForm

DUE_CHOICES = [
    ("", _("All")),
    ("in_window", _("Re-evaluation window open")),
    ("late", _("Window missed: expiring within 120 days")),
    ("expired", _("Expired without a newer certificate (last two years)")),
    ("on_sale", _("Lapsed or revoked, still listed for sale")),
    ("revoked", _("Revoked (last two years)")),
]


class CertificateFilter(UnitFilterForm):
    stars = forms.TypedChoiceField(
        label=_("Stars"), required=False, coerce=int, empty_value=None,
        choices=[("", _("All")), (3, "3★"), (4, "4★"), (5, "5★")],
    )  # fmt: skip
    valid_only = forms.BooleanField(label=_("Valid on the date only"), required=False)
    due = forms.ChoiceField(label=_("Worklist"), required=False, choices=DUE_CHOICES)

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
        day = self.cleaned_data.get("at") or timezone.localdate()
        if self.cleaned_data.get("valid_only"):
            qs = qs.valid_on(day)
        if self.cleaned_data.get("due"):
            qs = queries.due(qs, self.cleaned_data["due"], day)
        return qs
