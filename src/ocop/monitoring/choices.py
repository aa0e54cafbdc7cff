from django.db import models
from django.utils.translation import gettext_lazy as _


class AuthorityLevel(models.TextChoices):
    """Who inspects (QĐ 26/2026 Điều 9): the province for the 3★ and 4★ it recognised, the ministry for 5★ (and
    for 3★–4★ when it decides to). A plan's unit says where: a province, or the whole country."""

    PROVINCE = "province", _("Province (3★ and 4★)")
    CENTRAL = "central", _("Ministry (5★, and 3★–4★ when needed)")


class InspectionKind(models.TextChoices):
    PERIODIC = "periodic", _("Periodic")
    AD_HOC = "ad_hoc", _("Ad hoc")


class Outcome(models.TextChoices):
    OPEN = "", _("Not decided yet")
    COMPLIANT = "compliant", _("Compliant")
    REMEDY = "remedy", _("Remedy required")
    REVOKE = "revoke", _("Revocation proposed")


class ItemGroup(models.TextChoices):
    CRITERIA = "criteria", _("Criteria the product was scored on")
    MARK = "mark", _("Use of the OCOP mark, label, information and promotion")


class ItemResult(models.TextChoices):
    UNCHECKED = "", _("Not checked")
    MET = "met", _("Met")
    NOT_MET = "not_met", _("Not met")
    NOT_APPLICABLE = "na", _("Not applicable")


# The two grounds of QĐ 26/2026 Điều 8 an inspection can found a revocation on (certificates.RevocationGround):
# (b) no longer meets the criteria per an inspection, (d) misuse of the OCOP mark causing confusion.
INSPECTION_GROUNDS = ("b", "d")
