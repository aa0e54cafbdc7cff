"""Recognition decisions: a scored dossier becomes a certificate, recognised at the level its regime's deciding
levels name (QĐ 26: 3★/4★ by the province, 5★ by the centre)."""

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.certificates.models import Certificate
from ocop.certificates.services import save_certificate
from ocop.evaluation.choices import DossierState
from ocop.evaluation.models import Dossier
from ocop.evaluation.workflow import check_recognisable, move


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
    returned_stars: int | None = None,
    product_code: str = "",
) -> Dossier:
    """Record the decision and issue the certificate. For a dossier at the central council, say whether the
    centre granted 5★; if not, the province recognises it at 4★ (DOMAIN.md §3) or at `returned_stars`, at most
    the highest level recognised below the centre."""
    regime = dossier.criteria_version.regime
    levels = regime.levels()
    if dossier.state == DossierState.AT_CENTRAL:
        if central_granted is None:
            raise ValidationError({"central_granted": _("Record the central council's result first.")})
        local = levels.highest_local
        stars = (levels.lowest_central or 0) if central_granted else min(returned_stars or local, local)
    else:
        stars = dossier.council_stars or 0
    check_recognisable(dossier, stars)
    level = levels.level_of(stars)
    if decision_date > timezone.localdate():
        raise ValidationError({"decision_date": _("A decision cannot be dated in the future.")})
    if dossier.submitted_on and decision_date < dossier.submitted_on:
        raise ValidationError({"decision_date": _("A decision cannot come before the dossier was filed.")})
    certificate = Certificate(
        product=dossier.product,
        number=certificate_number,
        stars=stars,
        regime=regime,
        deciding_level=level,
        decision_number=decision_number,
        decision_date=decision_date,
        decision_signer=signer,
        issued_on=decision_date,
        product_code=product_code,
    )
    certificate = save_certificate(certificate)
    return move(dossier, "recognise", user, certificate=certificate, decided_on=decision_date, council_stars=stars)
