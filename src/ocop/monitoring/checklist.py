"""An inspection's checklist: the criteria the product was scored on in its own evaluated dossier (with what the
council found then), and the points on the use of the OCOP mark, label, information and promotion."""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ocop.certificates.models import Certificate
from ocop.evaluation.models import CriteriaVersion, Dossier
from ocop.monitoring.choices import ItemGroup

# The use of the mark (QĐ 26/2026 Điều 9 with Điều 8 (d)): what every inspection checks, whatever the product.
MARK_ITEMS = (
    ("M1", gettext_lazy("The OCOP mark is used only on the certified product, with the star rating granted")),
    ("M2", gettext_lazy("The label carries the OCOP product code and the verification code that checks")),
    ("M3", gettext_lazy("The label's information (name, producer, size, origin) matches the evaluated dossier")),
    ("M4", gettext_lazy("Promotion and advertising state the rating and validity truthfully")),
    ("M5", gettext_lazy("The mark is not used after the certificate's expiry or revocation, nor on other products")),
)


def evaluated_dossier(certificate: Certificate) -> Dossier | None:
    """The dossier that granted the certificate; else the product's latest decided dossier with a result."""
    dossier = Dossier.objects.filter(certificate=certificate).select_related("criteria_version").first()
    if dossier is not None:
        return dossier
    return (
        Dossier.objects.filter(product_id=certificate.product_id, decided_on__isnull=False)
        .exclude(result={})
        .select_related("criteria_version")
        .order_by("-decided_on", "-id")
        .first()
    )


def criteria_lines(certificate: Certificate) -> list[dict[str, Any]]:
    """The criteria lines: from the dossier's council result (with the points it scored), else from the blank
    scoresheet of the criteria version it was scored on, else of its regime's or the latest version."""
    dossier = evaluated_dossier(certificate)
    scored = (dossier.result or {}).get("criteria") if dossier is not None else None
    if scored:
        return [
            {
                "code": c["code"],
                "text": c["name"],
                "at_evaluation": _("%(points)s of %(max)s points") % {"points": c["points"], "max": c["max_points"]},
            }
            for c in scored
        ]
    version = dossier.criteria_version if dossier is not None else None
    if version is None:  # a certificate without its dossier here (an earlier regime): its regime's, else the latest
        versions = CriteriaVersion.objects.all()  # newest regime first
        version = versions.filter(regime_id=certificate.regime_id).first() or versions.first()
    product_set = certificate.product.product_set_id
    if version is None or product_set is None or not version.sheets.filter(product_set_id=product_set).exists():
        return []
    return [
        {"code": c.code, "text": c.name, "at_evaluation": _("at most %(max)s points") % {"max": c.max_points}}
        for c in version.scoresheet(product_set).criteria
    ]


def lines_for(certificate: Certificate) -> list[dict[str, Any]]:
    """Every line of a new inspection's checklist, in order."""
    lines = [{**line, "group": ItemGroup.CRITERIA} for line in criteria_lines(certificate)]
    lines += [
        {"code": code, "text": str(text), "at_evaluation": "", "group": ItemGroup.MARK} for code, text in MARK_ITEMS
    ]
    return lines
