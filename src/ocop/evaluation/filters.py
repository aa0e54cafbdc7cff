from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ocop.core.types import RequestUser
from ocop.evaluation.choices import DossierKind, DossierState, SessionState
from ocop.evaluation.models import Round
from ocop.places.filters import UnitFilterForm


class RoundChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Round) -> str:
        return f"{obj} · {obj.province.name}"


class DossierFilter(UnitFilterForm):
    state = forms.ChoiceField(label=_("State"), required=False, choices=[("", _("All")), *DossierState.choices])
    kind = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("All")), *DossierKind.choices])
    round = RoundChoice(label=_("Round"), required=False, empty_label=_("All"), queryset=Round.objects.none())

    address_field = "product__producer__addresses"
    search_lookups = ("product__search_text__contains", "receipt_number__icontains")
    sort_fields = {
        "-created": (_("Newest first"), ["-created_at", "-id"]),
        "state": (_("State"), ["state", "-created_at"]),
    }
    default_sort = "-created"
    exact_filters = {"state": "state", "kind": "kind", "round": "round"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from ocop.evaluation.queries import rounds_in_area

        super().__init__(*args, **kwargs)
        rounds = rounds_in_area(self.user) if self.user is not None else Round.objects.all()
        cast(forms.ModelChoiceField, self.fields["round"]).queryset = rounds.select_related("province")


class SessionFilter(forms.Form):
    """The council sessions page: all the person may see, or only the sessions they sit on; open or closed."""

    mine = forms.BooleanField(label=_("Only sessions I sit on"), required=False)
    state = forms.ChoiceField(label=_("State"), required=False, choices=[("", _("All")), *SessionState.choices])

    def apply(self, sessions: QuerySet, user: RequestUser) -> QuerySet:
        data = self.cleaned_data
        if data.get("mine"):
            sessions = sessions.filter(memberships__user=user, memberships__recused=False)
        return sessions.filter(state=data["state"]) if data.get("state") else sessions
