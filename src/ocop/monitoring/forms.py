from typing import Any, cast

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ocop.certificates.choices import RevocationGround
from ocop.core import files
from ocop.monitoring.choices import INSPECTION_GROUNDS, ItemResult, Outcome
from ocop.monitoring.models import CheckItem, Inspection, InspectionPlan
from ocop.places.models import Unit
from ocop.registry.forms import DATE_WIDGET, UserForm
from ocop.registry.models import Product


def authority_units() -> Any:
    """The units an authority covers: the provinces of the current map (and the country, once it is a unit)."""
    return Unit.objects.filter(map="2025").filter(Q(level="province") | Q(parent__isnull=True)).order_by("name")


class PlanForm(UserForm):
    class Meta:
        model = InspectionPlan
        fields = ["unit", "level", "year", "authority", "notes"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = authority_units()


class InspectionForm(UserForm):
    """A new inspection under a plan the person may act under, of a product they may see."""

    class Meta:
        model = Inspection
        fields = ["plan", "product", "kind", "origin_note", "scheduled_on", "place", "team", "internal_notes"]
        widgets = {"team": forms.Textarea(attrs={"rows": 3}), "internal_notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plans = InspectionPlan.objects.for_user(self.user, "change").select_related("unit")
        cast(forms.ModelChoiceField, self.fields["plan"]).queryset = plans
        products = Product.objects.for_user(self.user).filter(certificates__isnull=False).distinct()
        cast(forms.ModelChoiceField, self.fields["product"]).queryset = products.select_related("producer")


class InspectionEditForm(UserForm):
    class Meta:
        model = Inspection
        fields = ["scheduled_on", "place", "team", "origin_note", "internal_notes"]
        widgets = {"team": forms.Textarea(attrs={"rows": 3}), "internal_notes": forms.Textarea(attrs={"rows": 3})}


class FindingForm(forms.ModelForm):
    class Meta:
        model = CheckItem
        fields = ["result", "finding"]
        widgets = {"finding": forms.Textarea(attrs={"rows": 2})}


class FindingFileForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Evidence file"))

    def clean_file(self) -> Any:
        return files.check_document(self.cleaned_data["file"])


GROUND_CHOICES = [("", "—")] + [(g, RevocationGround(g).label) for g in INSPECTION_GROUNDS]
OUTCOME_CHOICES = [(o.value, o.label) for o in Outcome if o != Outcome.OPEN]


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(label=gettext_lazy("Outcome"), choices=OUTCOME_CHOICES)
    decided_on = forms.DateField(label=gettext_lazy("Decided on"), widget=DATE_WIDGET, initial=timezone.localdate)
    conclusion = forms.CharField(
        label=gettext_lazy("Conclusion (shared with the producer)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    remedy_due = forms.DateField(label=gettext_lazy("Remedy due by"), widget=DATE_WIDGET, required=False)
    ground = forms.ChoiceField(label=gettext_lazy("Proposed ground (Điều 8)"), choices=GROUND_CHOICES, required=False)


class RemedyForm(forms.Form):
    remedied_on = forms.DateField(label=gettext_lazy("Remedy confirmed on"), widget=DATE_WIDGET)


class RevokeForm(forms.Form):
    revoked_on = forms.DateField(label=gettext_lazy("Revoked on"), widget=DATE_WIDGET)
    revocation_authority = forms.CharField(label=gettext_lazy("Revoked by"), max_length=150)
    revocation_decision = forms.CharField(label=gettext_lazy("Revocation decision number"), max_length=60)


def result_label(value: str) -> str:
    return str(ItemResult(value).label) if value in ItemResult.values else _("Not checked")
