"""The national office's pages of the central round: open a round, set up the central council's sessions.
Seating members, bringing dossiers before a session and closing it are the session page's steps
(views_sessions.SessionAct); scoring is the members' scoresheet page, as for a provincial council."""

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from ocop.evaluation import central
from ocop.evaluation.choices import RoundLevel
from ocop.evaluation.forms import CentralRoundForm, CentralSessionForm
from ocop.evaluation.models import CouncilSession, Round
from ocop.evaluation.views_sessions import OfficeCreate


class CentralRoundCreate(OfficeCreate):
    model, form_class, action, limited_field = Round, CentralRoundForm, "central", ""
    heading = gettext_lazy("New central round")

    def choices(self, user: Any) -> QuerySet:
        return Round.objects.none()  # no choice is limited: the round is placed on the whole country

    def save(self, form: Any, user: Any) -> Round:
        data = form.cleaned_data
        return central.open_round(user, data["year"], data["number"], data["commune_deadline"], data["closes_on"])


class CentralSessionCreate(OfficeCreate):
    model, form_class, action, limited_field = CouncilSession, CentralSessionForm, "central", "round"
    heading = gettext_lazy("New central council session")

    def choices(self, user: Any) -> QuerySet:
        rounds = Round.objects.for_user(user, "central").filter(level=RoundLevel.CENTRAL)
        return rounds.filter(closes_on__gte=timezone.localdate())
