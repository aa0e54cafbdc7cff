from django import forms
from django.utils.translation import gettext_lazy as _

from ocop.core.filters import FilterForm
from ocop.evaluation.choices import DossierKind, DossierState


class DossierFilter(FilterForm):
    state = forms.ChoiceField(label=_("State"), required=False, choices=[("", _("All")), *DossierState.choices])
    kind = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("All")), *DossierKind.choices])

    address_field = "product__producer__addresses"
    search_lookups = ("product__search_text__contains", "receipt_number__icontains")
    sort_fields = {
        "-created": (_("Newest first"), ["-created_at", "-id"]),
        "state": (_("State"), ["state", "-created_at"]),
    }
    default_sort = "-created"
    exact_filters = {"state": "state", "kind": "kind"}
