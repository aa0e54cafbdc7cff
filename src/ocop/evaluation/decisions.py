"""Recognition decisions: a scored dossier becomes a certificate (3★/4★ by the province, 5★ by the centre)."""

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ocop.certificates.choices import DecidingLevel
from ocop.certificates.models import Certificate
from ocop.certificates.services import save_certificate
from ocop.evaluation.choices import DossierState
from ocop.evaluation.models import Dossier
from ocop.evaluation.workflow import move

PROVINCE_MAX_STARS = 4


@transaction.atomic
def recognise(
    dossier: Dossier,
    user: User,
    *,
    certificate_number: str,
    decision_number: str,
    decision_date: datetime.date,
    signer: str = "",
    central_granted: bool | None = None,
    returned_stars: int = 4,
    product_code: str = "",
) -> Dossier:
    """Record the decision and issue the certificate. For a dossier at the central council, say whether the
    centre granted 5★; if not, the province recognises it at 4★ (DOMAIN.md §3)."""
    if dossier.state == DossierState.AT_CENTRAL:
        if central_granted is None:
            raise ValidationError({"central_granted": _("Record the central council's result first.")})
        returned = min(returned_stars or PROVINCE_MAX_STARS, PROVINCE_MAX_STARS)
        stars, level = (5, DecidingLevel.CENTRAL) if central_granted else (returned, DecidingLevel.PROVINCE)
    else:
        stars, level = dossier.council_stars or 0, DecidingLevel.PROVINCE
    if stars < 3 or dossier.result.get("disqualified"):
        raise ValidationError(_("Only a dossier scored 3★ or more, not disqualified, can be recognised."))
    if stars == 5 and dossier.state != DossierState.AT_CENTRAL:
        raise ValidationError(_("5★ is granted by the central council: forward the dossier first."))
    if decision_date > datetime.date.today():
        raise ValidationError({"decision_date": _("A decision cannot be dated in the future.")})
    if dossier.submitted_on and decision_date < dossier.submitted_on:
        raise ValidationError({"decision_date": _("A decision cannot come before the dossier was filed.")})
    certificate = Certificate(
        product=dossier.product,
        number=certificate_number,
        stars=stars,
        regime=dossier.criteria_version.regime,
        deciding_level=level,
        decision_number=decision_number,
        decision_date=decision_date,
        decision_signer=signer,
        issued_on=decision_date,
        product_code=product_code,
    )
    certificate = save_certificate(certificate)
    return move(dossier, "recognise", user, certificate=certificate, decided_on=decision_date, council_stars=stars)
