"""Forms of the dossier's route: one per action that needs more than a click."""

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ocop.core import files
from ocop.core.types import RequestUser
from ocop.evaluation.choices import DossierKind, MemberRole
from ocop.evaluation.models import CouncilSession, Dossier, Evidence, Round
from ocop.places.forms import UnitField
from ocop.registry.forms import DATE_WIDGET
from ocop.registry.models import Product, ProductSet

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class OpenDossierForm(forms.Form):
    product = forms.ModelChoiceField(label=_("Product"), queryset=Product.objects.none())
    kind = forms.ChoiceField(label=_("Type"), choices=DossierKind.choices)

    def __init__(self, *args: Any, user: RequestUser | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["product"]).queryset = (
            Product.objects.for_user(user).select_related("producer").order_by("name")
        )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class CommuneReviewForm(forms.Form):
    """Form 03: the commune's four checks."""

    check_material_origin = forms.ChoiceField(
        label=_("Raw material from the locality"), choices=YES_NO, widget=forms.RadioSelect
    )
    check_local_labour = forms.ChoiceField(label=_("Uses local labour"), choices=YES_NO, widget=forms.RadioSelect)
    check_idea_origin = forms.ChoiceField(label=_("Idea from the community"), choices=YES_NO, widget=forms.RadioSelect)
    check_local_identity = forms.ChoiceField(
        label=_("Carries local identity"), choices=YES_NO, widget=forms.RadioSelect
    )
    commune_notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def changes(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        return {key: (value == "yes" if key.startswith("check_") else value) for key, value in data.items()}


class ReceiveForm(forms.Form):
    round = forms.ModelChoiceField(label=_("Evaluation round"), queryset=Round.objects.all())

    def __init__(self, *args: Any, dossier: Dossier | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if dossier is not None:
            cast(forms.ModelChoiceField, self.fields["round"]).queryset = rounds_for(dossier)


class AdvisoryForm(forms.Form):
    advisory_notes = forms.CharField(label=_("Advisory team's notes"), widget=forms.Textarea(attrs={"rows": 3}))
    field_visit_on = forms.DateField(label=_("Field visit"), required=False, widget=DATE_WIDGET)
    lab_tests = forms.CharField(label=_("Extra lab tests"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ScheduleForm(forms.Form):
    session = forms.ModelChoiceField(label=_("Council session"), queryset=CouncilSession.objects.none())

    def __init__(self, *args: Any, dossier: Dossier | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if dossier is not None:
            cast(forms.ModelChoiceField, self.fields["session"]).queryset = CouncilSession.objects.filter(
                round_id=dossier.round_id,  # type: ignore[misc]  # the stubs refuse None, which Django reads as NULL
                state="open",
            )


class RecogniseForm(forms.Form):
    certificate_number = forms.CharField(label=_("Certificate number"), max_length=60)
    decision_number = forms.CharField(label=_("Decision number"), max_length=60)
    decision_date = forms.DateField(label=_("Decision date"), widget=DATE_WIDGET)
    signer = forms.CharField(label=_("Signed by"), max_length=150, required=False)
    product_code = forms.CharField(label=_("OCOP product code"), max_length=40, required=False)


class EvidenceForm(forms.ModelForm):
    class Meta:
        model = Evidence
        fields = ["criterion", "file", "note"]
        widgets = {"file": forms.ClearableFileInput(attrs={"accept": files.DOCUMENT_ACCEPT})}

    def __init__(self, *args: Any, criteria: Sequence[tuple[str, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["criterion"] = forms.ChoiceField(
            label=_("Criterion"), required=False, choices=[("", _("The dossier as a whole")), *criteria]
        )

    def clean_file(self) -> Any:
        return files.check_document(self.cleaned_data["file"])


class SessionForm(forms.ModelForm):
    class Meta:
        model = CouncilSession
        fields = ["round", "name", "held_on", "quorum", "discrepancy_points"]
        widgets = {"held_on": DATE_WIDGET}


class RecuseForm(forms.Form):
    reason = forms.CharField(label=_("Conflict of interest"), max_length=255, widget=forms.Textarea(attrs={"rows": 2}))


class MemberForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices, initial=MemberRole.MEMBER)


class RoundForm(forms.ModelForm):
    class Meta:
        model = Round
        field_classes = {"province": UnitField}
        fields = ["province", "year", "number", "commune_deadline", "closes_on"]
        widgets = {"commune_deadline": DATE_WIDGET, "closes_on": DATE_WIDGET}


class CentralRoundForm(forms.ModelForm):
    """A central round: placed on the whole country by the service (`central.open_round`), not chosen."""

    class Meta:
        model = Round
        fields = ["year", "number", "commune_deadline", "closes_on"]
        labels = {"commune_deadline": _("provinces forward by")}
        widgets = {"commune_deadline": DATE_WIDGET, "closes_on": DATE_WIDGET}


class CentralSessionForm(forms.ModelForm):
    """A session of the central council or one of its sub-councils (one product group, or every group)."""

    class Meta:
        model = CouncilSession
        fields = ["round", "product_group", "name", "held_on", "quorum", "discrepancy_points"]
        widgets = {"held_on": DATE_WIDGET}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        groups = ProductSet.objects.order_by("group_code").values_list("group_code", "group_name").distinct()
        self.fields["product_group"] = forms.ChoiceField(
            label=_("Product group"), required=False, choices=[("", _("Every product group")), *groups]
        )


def rounds_for(dossier: Dossier) -> QuerySet[Round]:
    """Rounds of the province the dossier's commune belongs to (on either map)."""
    from ocop.places.models import Unit

    commune = dossier.product.producer.commune
    provinces = {commune.path.split("/")[0] + "/" + commune.path.split("/")[1] + "/"}
    provinces |= set(
        Unit.objects.filter(successions_in__predecessor__path__in=provinces, level="province").values_list(
            "path", flat=True
        )
    )
    return Round.objects.filter(province__path__in=provinces)


ACTION_FORMS = {
    "commune_forward": CommuneReviewForm,
    "commune_return": ReasonForm,
    "province_return": ReasonForm,
    "reject": ReasonForm,
    "reopen": ReasonForm,
    "unschedule": ReasonForm,
    "receive": ReceiveForm,
    "to_advisory": AdvisoryForm,
    "schedule": ScheduleForm,
    "recognise": RecogniseForm,
    "central_grant": RecogniseForm,
    "central_return": ReasonForm,
}
