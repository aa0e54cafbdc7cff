from django.db import models
from django.utils.translation import gettext_lazy as _


class DossierKind(models.TextChoices):
    FIRST = "first", _("First evaluation")
    UPGRADE = "upgrade", _("Upgrade")
    REEVALUATION = "reevaluation", _("Re-evaluation at expiry")


class DossierState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted to the commune")
    COMMUNE_RETURNED = "commune_returned", _("Returned by the commune")
    FORWARDED = "forwarded", _("Forwarded to the province")
    PROVINCE_RETURNED = "province_returned", _("Returned by the province")
    RECEIVED = "received", _("Received by the province")
    UNDER_REVIEW = "under_review", _("With the advisory team")
    IN_SESSION = "in_session", _("Before the council")
    SCORED = "scored", _("Scored by the council")
    AT_CENTRAL = "at_central", _("Proposed to the central council")
    CENTRAL_RETURNED = "central_returned", _("Returned by the central council")
    RECOGNISED = "recognised", _("Recognised")
    NOT_RECOGNISED = "not_recognised", _("Not recognised")


class RoundLevel(models.TextChoices):
    """Who holds the round: a province's council (3★, 4★), or the ministry's central council (5★)."""

    PROVINCE = "province", _("Provincial round")
    CENTRAL = "central", _("Central round")


class SessionState(models.TextChoices):
    OPEN = "open", _("Open for scoring")
    CLOSED = "closed", _("Closed")


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member")
