from django.db import models
from django.utils.translation import gettext_lazy as _


class DecidingLevel(models.TextChoices):
    DISTRICT = "district", _("District People's Committee")
    PROVINCE = "province", _("Province People's Committee")
    CENTRAL = "central", _("Ministry (central council)")


class RevocationGround(models.TextChoices):
    """QĐ 26/2026 Điều 8: the six grounds for revoking a certificate."""

    FALSE_DOSSIER = "a", _("(a) False or forged dossier")
    NO_LONGER_MEETS = "b", _("(b) No longer meets the criteria per an inspection")
    VIOLATION = "c", _("(c) Violation of quality, food safety, environment, IP, labelling or other law")
    MARK_MISUSE = "d", _("(d) Misuse of the OCOP mark causing confusion")
    STOPPED = "dd", _("(đ) The producer stopped making the product")
    OTHER = "e", _("(e) Other cases concluded by competent authorities")


class StatusLabel(models.TextChoices):
    NOT_YET_VALID = "not_yet_valid", _("Not yet valid")
    VALID = "valid", _("Valid")
    IN_WINDOW = "in_window", _("Valid — re-evaluation window open")
    EXTENDED = "extended", _("Valid until the re-evaluation decision (transition)")
    EXPIRED = "expired", _("Expired")
    SUPERSEDED = "superseded", _("Superseded by a newer certificate")
    REVOKED = "revoked", _("Revoked")
