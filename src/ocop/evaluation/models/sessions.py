"""Council sessions (phiên họp hội đồng), their members and each member's scoresheet."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ocop.core.history import track
from ocop.core.rights import RightsQuerySet
from ocop.evaluation.choices import MemberRole, SessionState


@track()
class CouncilSession(models.Model):
    """A meeting of the provincial council (phiên họp hội đồng) in a round: its members score the dossiers
    before it blind, and closing it records each dossier's council result. In a central round it is the central
    council or one of its sub-councils (by product group)."""

    scope_unit_field = "round__province"
    scope_session_field = ""

    round = models.ForeignKey(
        "evaluation.Round", on_delete=models.PROTECT, related_name="sessions", verbose_name=_("round")
    )
    name = models.CharField(_("name"), max_length=200)
    held_on = models.DateField(_("held on"))
    quorum = models.PositiveSmallIntegerField(
        _("quorum"), default=3, validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("Submitted scoresheets needed (not counting recused members) to close."),
    )  # fmt: skip
    discrepancy_points = models.PositiveSmallIntegerField(
        _("discrepancy threshold (points)"), default=15, validators=[MaxValueValidator(100)]
    )
    state = models.CharField(_("state"), max_length=10, choices=SessionState.choices, default=SessionState.OPEN)
    # A sub-council of a central round takes the dossiers of one product group (registry.ProductSet.group_code).
    product_group = models.CharField(_("product group"), max_length=10, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    objects = RightsQuerySet.as_manager()

    class Meta:
        verbose_name = _("council session")
        verbose_name_plural = _("council sessions")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.held_on:%d/%m/%Y})"

    def get_absolute_url(self) -> str:
        return reverse("evaluation:session_detail", args=[self.pk])


@track()
class Membership(models.Model):
    """A seat on a council session: chair, secretary or member; a member with a conflict of interest recuses
    (with the reason) and does not score."""

    scope_unit_field = "session__round__province"
    scope_session_field = "session"

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="council_seats", verbose_name=_("member")
    )
    role = models.CharField(_("role"), max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER)
    recused = models.BooleanField(_("recused"), default=False)
    recusal_reason = models.CharField(_("conflict of interest"), max_length=255, blank=True)

    objects = RightsQuerySet.as_manager()

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="membership_once_per_session"),
            models.CheckConstraint(
                condition=models.Q(recused=False) | ~models.Q(recusal_reason=""),
                name="recusal_has_reason",
                violation_error_message=_("A recusal needs its reason (the conflict of interest)."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"


@track(exclude=("choices", "result", "total", "stars"))  # blind: scores never show in the change log
class Scoresheet(models.Model):
    """One member's scores for one dossier. Locked once submitted; others' sheets are hidden until then."""

    scope_unit_field = "dossier__product__producer__commune"
    scope_producer_field = "dossier__product__producer"
    scope_session_field = "session"
    scope_owner_field = "member"

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="scoresheets")
    dossier = models.ForeignKey("evaluation.Dossier", on_delete=models.CASCADE, related_name="scoresheets")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    choices = models.JSONField(default=dict)
    disqualifiers = models.JSONField(default=list, blank=True)
    disqualified_criteria = models.JSONField(default=list, blank=True)
    total = models.DecimalField(_("total"), max_digits=5, decimal_places=2, null=True, blank=True)
    stars = models.PositiveSmallIntegerField(_("stars"), null=True, blank=True)
    result = models.JSONField(default=dict, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    objects = RightsQuerySet.as_manager()

    class Meta:
        verbose_name = _("scoresheet")
        verbose_name_plural = _("scoresheets")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "dossier", "member"],
                name="scoresheet_once_per_member",
                violation_error_message=_("This member already has a scoresheet for this dossier."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.dossier} — {self.member}"
