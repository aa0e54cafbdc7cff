"""Recognition decisions: a scored dossier becomes a certificate, recognised at the level its regime's deciding
levels name (QĐ 26: 3★/4★ by the province, 5★ by the centre — in the ministry's name, `grant_central`)."""

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.certificates.models import Certificate
from ocop.certificates.services import save_certificate
from ocop.core import rights
from ocop.evaluation.choices import DossierState
from ocop.evaluation.models import Dossier
from ocop.evaluation.workflow import GUARDS, STEPS, check_recognisable, move


@transaction.atomic
def recognise(
    dossier: Dossier,
    user: User,
    *,
    certificate_number: str,
    decision_number: str,
    decision_date: datetime.date,
    signer: str = "",
    product_code: str = "",
) -> Dossier:
    """The province records its decision and issues the certificate: at its council's stars, or — for a dossier
    the central council returned — at those stars capped at the highest level recognised below the centre."""
    levels = dossier.criteria_version.regime.levels()
    stars = dossier.council_stars or 0
    if dossier.state == DossierState.CENTRAL_RETURNED:
        stars = min(stars, levels.highest_local)
    check_recognisable(dossier, stars)
    certificate = _issue(dossier, stars, certificate_number, decision_number, decision_date, signer, product_code)
    return move(dossier, "recognise", user, certificate=certificate, decided_on=decision_date, council_stars=stars)


@transaction.atomic
def grant_central(
    dossier: Dossier,
    user: User,
    *,
    certificate_number: str,
    decision_number: str,
    decision_date: datetime.date,
    signer: str = "",
    product_code: str = "",
) -> Dossier:
    """The ministry grants the central council's stars (5★): the certificate's deciding level is central, so it
    is issued and printed in the ministry's name (certificates.authority). Checked before anything is written:
    the national office's step, the central result recorded and at the central level."""
    if dossier.state not in STEPS["central_grant"].sources or not rights.may(user, "central", dossier):
        raise PermissionDenied(_("Only the national OCOP office decides a dossier at the central council."))
    GUARDS["central_grant"](dossier, {})
    stars = dossier.central_stars or 0
    check_recognisable(dossier, stars)
    certificate = _issue(dossier, stars, certificate_number, decision_number, decision_date, signer, product_code)
    return move(dossier, "central_grant", user, certificate=certificate, decided_on=decision_date)


def _issue(
    dossier: Dossier,
    stars: int,
    certificate_number: str,
    decision_number: str,
    decision_date: datetime.date,
    signer: str,
    product_code: str,
) -> Certificate:
    regime = dossier.criteria_version.regime
    if decision_date > timezone.localdate():
        raise ValidationError({"decision_date": _("A decision cannot be dated in the future.")})
    if dossier.submitted_on and decision_date < dossier.submitted_on:
        raise ValidationError({"decision_date": _("A decision cannot come before the dossier was filed.")})
    certificate = Certificate(
        product=dossier.product,
        number=certificate_number,
        stars=stars,
        regime=regime,
        deciding_level=regime.levels().level_of(stars),
        decision_number=decision_number,
        decision_date=decision_date,
        decision_signer=signer,
        issued_on=decision_date,
        product_code=product_code,
    )
    return save_certificate(certificate)
