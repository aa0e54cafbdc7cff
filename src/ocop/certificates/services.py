"""Every change of a certificate: validate, write, in one transaction (logged by ocop.core.history)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ocop.certificates import lifecycle
from ocop.certificates.choices import DecidingLevel
from ocop.certificates.codes import new_verification_code, normalise_verification_code, parse_product_code
from ocop.certificates.models import Certificate


def apply_product_code(certificate: Certificate) -> None:
    """Store the code's parsed parts beside its text; an unreadable code is a field error."""
    if not certificate.product_code:
        certificate.code_province = certificate.code_district = certificate.code_commune = ""
        certificate.code_sequence, certificate.code_year = "", None
        return
    try:
        code = parse_product_code(certificate.product_code)
    except ValueError as error:
        raise ValidationError({"product_code": _("Unreadable product code: %(reason)s") % {"reason": error}}) from None
    certificate.product_code = code.text
    certificate.code_province, certificate.code_district = code.province, code.district
    certificate.code_commune, certificate.code_sequence, certificate.code_year = (
        code.commune,
        code.sequence,
        code.year,
    )


@transaction.atomic
def save_certificate(certificate: Certificate) -> Certificate:
    """Record a certificate (a new recognition or a legacy one). Validity defaults to 36 months."""
    if certificate.issued_on and not certificate.valid_until:
        certificate.valid_until = lifecycle.expiry_for(certificate.issued_on)
    apply_product_code(certificate)
    if not certificate.verification_code:
        certificate.verification_code = new_verification_code()
        while Certificate.objects.filter(verification_code=certificate.verification_code).exists():
            certificate.verification_code = new_verification_code()
    check_decision(certificate)
    certificate.full_clean()
    certificate.save()
    return certificate


def check_decision(certificate: Certificate) -> None:
    """The decision must fit its regime: dated while the regime was in force, by the level that grants the stars."""
    if certificate.regime_id is None or certificate.decision_date is None:
        return  # the model's own validation names the missing field
    regime, day = certificate.regime, certificate.decision_date
    if day < regime.effective_from or (regime.effective_until and day > regime.effective_until):
        raise ValidationError(
            {
                "regime": _("%(regime)s was not in force on %(day)s.")
                % {"regime": regime.document_number, "day": _day(day)}
            },
        )
    central = regime.levels().central(certificate.stars)  # who recognises which level is the regime's data
    if central != (certificate.deciding_level == DecidingLevel.CENTRAL):
        raise ValidationError({"deciding_level": _("5★ is granted by the central level, 3★ and 4★ by the province.")})


@transaction.atomic
def revoke(certificate: Certificate, *, ground: str, on: datetime.date, authority: str, decision: str) -> Certificate:
    if certificate.revoked_on is not None:
        raise ValidationError(
            _("This certificate was already revoked on %(day)s.") % {"day": _day(certificate.revoked_on)}
        )
    if not ground:
        raise ValidationError({"revocation_ground": _("A revocation needs one of the six grounds.")})
    if on < certificate.issued_on:
        raise ValidationError({"revoked_on": _("A certificate cannot be revoked before it was issued.")})
    if on > timezone.localdate():
        raise ValidationError({"revoked_on": _("A revocation cannot be dated in the future.")})
    certificate.revoked_on, certificate.revocation_ground = on, ground
    certificate.revocation_authority, certificate.revocation_decision = authority, decision
    certificate.full_clean()
    certificate.save()
    return certificate


@transaction.atomic
def keep_valid_pending_reevaluation(certificate: Certificate) -> Certificate:
    """Transition rule: a certificate issued before 22/05/2026 whose re-evaluation could not meet the window
    stays valid until the decision, at most 180 days after expiry."""
    if not lifecycle.transition_grace_applies(certificate.issued_on, certificate.valid_until):
        raise ValidationError(
            _(
                "The transition rule applies only to certificates issued before 22/05/2026 "
                "whose filing window had closed by then."
            )
        )
    certificate.extended_until = lifecycle.grace_until(certificate.valid_until)
    certificate.save()
    return certificate


def find_by_code(typed: str) -> Certificate | None:
    code = normalise_verification_code(typed)
    if not code or len(code) > 16:
        return None
    return (
        Certificate.objects.select_related("product__producer__commune__parent", "regime")
        .filter(verification_code=code)
        .first()
    )


def count_scan(certificate: Certificate) -> None:
    # An F() update: concurrent scans never lose a count, and the change log is not flooded by them.
    Certificate.objects.filter(pk=certificate.pk).update(scan_count=F("scan_count") + 1)


def _day(day: datetime.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")
