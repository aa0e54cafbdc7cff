"""The central council's round (QĐ 26/2026: 5★ is recognised by the ministry).

Provinces forward their ≥ 90-point dossiers (`workflow`'s forward_central: state AT_CENTRAL). The national office
opens a central round — a `Round` of level central placed on the whole country's unit — and every forwarded
dossier of every province joins it (`central_round`). It sets up the central council's sessions, one per product
group (sub-councils), and brings the round's dossiers of that group before each; members score blind with the
same engine and scoresheets as a provincial council (`council`). Closing a central session records the central
result beside the province's (`central_total`, `central_stars`); the national office then grants 5★ (a certificate
in the ministry's name, `decisions.grant_central`) or returns the dossier to its province, which recognises it at
the stars its own council gave, at most the highest level recognised below the centre.

Who may do each step is the rights table's `central` action (the national office), asked on the round, the
session or the dossier; a province office has no `central` right and its unit does not cover the country's.
"""

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.core import rights
from ocop.evaluation.choices import DossierState, RoundLevel, SessionState
from ocop.evaluation.models import CouncilSession, Dossier, DossierEvent, Round
from ocop.places.models import Unit

COUNTRY_MAP = "2025"  # a central round is placed on the country's unit of the current map


def country_unit() -> Unit:
    unit = Unit.objects.filter(map=COUNTRY_MAP, level="country").first()
    if unit is None:
        raise ValidationError(_("The whole country's unit is not loaded (run the places migration)."))
    return unit


def open_round_on(day: datetime.date) -> Round | None:
    """The central round forwarded dossiers join on `day`: the earliest one not yet decided."""
    rounds = Round.objects.filter(level=RoundLevel.CENTRAL, closes_on__gte=day)
    return rounds.order_by("closes_on", "pk").first()


@transaction.atomic
def open_round(user: User, year: int, number: int, forward_by: datetime.date, closes_on: datetime.date) -> Round:
    """Open a central round; the dossiers already at the centre and in no undecided central round join it."""
    round_ = Round(
        province=country_unit(),
        level=RoundLevel.CENTRAL,
        year=year,
        number=number,
        commune_deadline=forward_by,
        closes_on=closes_on,
    )
    if not rights.may(user, "central", round_):
        raise PermissionDenied(_("Only the national OCOP office opens a central round."))
    round_.full_clean()
    round_.save()
    waiting = Dossier.objects.select_for_update(of=("self",)).filter(state=DossierState.AT_CENTRAL)
    for dossier in waiting.exclude(central_round__closes_on__gte=timezone.localdate()):
        dossier.central_round = round_
        dossier.save()  # one by one: each joins through the change log
    return round_


def waiting_dossiers(session: CouncilSession) -> QuerySet:
    """The dossiers of the session's central round, of its product group, not yet before a central session."""
    dossiers = Dossier.objects.filter(
        central_round=session.round, state=DossierState.AT_CENTRAL, central_stars__isnull=True
    ).exclude(session__round__level=RoundLevel.CENTRAL)
    if session.product_group:
        dossiers = dossiers.filter(product__product_set__group_code=session.product_group)
    return dossiers


@transaction.atomic
def take_dossiers(session: CouncilSession, user: User) -> int:
    """Bring the round's waiting dossiers of the session's product group before the (open) central session."""
    if session.round.level != RoundLevel.CENTRAL:
        raise ValidationError(_("Only a session of a central round takes the dossiers forwarded to the centre."))
    if not rights.may(user, "central", session):
        raise PermissionDenied(_("Only the national OCOP office sets up the central council."))
    if session.state != SessionState.OPEN:
        raise ValidationError(_("The session is closed."))
    dossiers = list(waiting_dossiers(session).select_for_update(of=("self",)))
    if not dossiers:
        raise ValidationError(_("No dossier of this round and product group is waiting for the central council."))
    for dossier in dossiers:
        dossier.session = session
        dossier.save()
        DossierEvent.objects.create(
            dossier=dossier, action="central_schedule", from_state=dossier.state, to_state=dossier.state, user=user
        )
    return len(dossiers)
