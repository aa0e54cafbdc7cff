"""Dossiers (hồ sơ) on their route: producer → commune → province → advisory team → council → decision."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ocop.core.history import track
from ocop.core.rights import RightsQuerySet
from ocop.evaluation.choices import DossierKind, DossierState, RoundLevel


class Round(models.Model):
    """An evaluation round of a province: dossiers forwarded by communes before the cut-off are decided by
    the closing date (QĐ 26: before 30/4 → by 30/6; before 30/10 → by 30/12; configurable per round).

    A central round (`level` central) is the ministry's: it is placed on the whole country's unit (so the rights
    table's unit reach gives it to the national office and to no province), provinces forward their ≥ 90-point
    dossiers to it by `commune_deadline` and the central council decides them by `closes_on`."""

    scope_unit_field = "province"
    scope_session_field = "sessions"

    province = models.ForeignKey("places.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("province"))
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2019), MaxValueValidator(2100)])
    number = models.PositiveSmallIntegerField(_("round"), validators=[MinValueValidator(1), MaxValueValidator(6)])
    commune_deadline = models.DateField(_("communes forward by"))
    closes_on = models.DateField(_("decided by"))
    level = models.CharField(_("level"), max_length=10, choices=RoundLevel.choices, default=RoundLevel.PROVINCE)

    objects = RightsQuerySet.as_manager()

    class Meta:
        verbose_name = _("evaluation round")
        verbose_name_plural = _("evaluation rounds")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "year", "number"],
                name="round_unique_per_province_year",
                violation_error_message=_("This province already has this round for that year."),
            ),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("commune_deadline")),
                name="round_closes_after_deadline",
                violation_error_message=_("A round closes after its forwarding deadline."),
            ),
        ]

    def __str__(self) -> str:
        if self.level == RoundLevel.CENTRAL:
            return _("Central round %(number)s/%(year)s") % {"number": self.number, "year": self.year}
        return _("Round %(number)s/%(year)s") % {"number": self.number, "year": self.year}

    @property
    def is_central(self) -> bool:
        return self.level == RoundLevel.CENTRAL


@track(exclude=("self_assessment", "result", "central_result"))
class Dossier(models.Model):
    """A product's evaluation dossier (hồ sơ) on its route: filed by the producer, reviewed by the commune,
    received by the province, scored by the council, decided. Pinned to the criteria version it was opened
    under; its steps are DossierEvents."""

    # The producer's phone and email copied on form 01: personal data as on the producer (registry.Producer).
    personal_fields = ("phone", "email")

    scope_unit_field = "product__producer__commune"
    scope_session_field = "session"
    scope_producer_field = "product__producer"

    product = models.ForeignKey(
        "registry.Product", on_delete=models.PROTECT, related_name="dossiers", verbose_name=_("product")
    )
    kind = models.CharField(_("type"), max_length=15, choices=DossierKind.choices, default=DossierKind.FIRST)
    state = models.CharField(_("state"), max_length=20, choices=DossierState.choices, default=DossierState.DRAFT)
    criteria_version = models.ForeignKey(
        "evaluation.CriteriaVersion", on_delete=models.PROTECT, verbose_name=_("criteria")
    )
    round = models.ForeignKey(Round, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("round"))
    session = models.ForeignKey(
        "evaluation.CouncilSession", on_delete=models.SET_NULL, null=True, blank=True, related_name="dossiers",
        verbose_name=_("council session"),
    )  # fmt: skip
    previous = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("previous dossier")
    )
    # Form 01 (registration)
    receipt_number = models.CharField(_("receipt number"), max_length=60, blank=True)
    representative = models.CharField(_("legal representative"), max_length=150, blank=True)
    position = models.CharField(_("position"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    business_plan = models.TextField(_("business plan"), blank=True)
    self_assessment = models.JSONField(_("self-assessment"), default=dict, blank=True)
    # Form 03 (commune review)
    check_material_origin = models.BooleanField(_("raw material from the locality"), null=True, blank=True)
    check_local_labour = models.BooleanField(_("uses local labour"), null=True, blank=True)
    check_idea_origin = models.BooleanField(_("idea from the community"), null=True, blank=True)
    check_local_identity = models.BooleanField(_("carries local identity"), null=True, blank=True)
    commune_notes = models.TextField(_("commune's review notes"), blank=True)
    # Advisory team
    advisory_notes = models.TextField(_("advisory team's notes"), blank=True)
    field_visit_on = models.DateField(_("field visit"), null=True, blank=True)
    lab_tests = models.TextField(_("extra lab tests"), blank=True)
    # Result and decision
    council_total = models.DecimalField(_("council score"), max_digits=5, decimal_places=2, null=True, blank=True)
    council_stars = models.PositiveSmallIntegerField(_("council's stars"), null=True, blank=True)
    proposed_central = models.BooleanField(_("proposed to the central council"), default=False)
    result = models.JSONField(_("council result"), default=dict, blank=True)
    # At the centre: the central round it joined, and the central council's result (the province's stays above).
    central_round = models.ForeignKey(
        Round, on_delete=models.PROTECT, null=True, blank=True, related_name="central_dossiers",
        verbose_name=_("central round"),
    )  # fmt: skip
    central_total = models.DecimalField(
        _("central council score"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    central_stars = models.PositiveSmallIntegerField(_("central council's stars"), null=True, blank=True)
    central_result = models.JSONField(_("central council result"), default=dict, blank=True)
    certificate = models.OneToOneField(
        "certificates.Certificate", on_delete=models.PROTECT, null=True, blank=True, related_name="dossier",
        verbose_name=_("certificate"),
    )  # fmt: skip
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = RightsQuerySet.as_manager()

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.product}"

    def get_absolute_url(self) -> str:
        return reverse("evaluation:dossier_detail", args=[self.pk])


class DossierEvent(models.Model):
    """One step of a dossier's route: who moved it, when, from which state to which, and why."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=30)
    from_state = models.CharField(_("from"), max_length=20, choices=DossierState.choices)
    to_state = models.CharField(_("to"), max_length=20, choices=DossierState.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, verbose_name=_("by"))
    at = models.DateTimeField(_("time"), auto_now_add=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("dossier event")
        verbose_name_plural = _("dossier events")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.from_state} → {self.to_state}"


def evidence_path(instance: "Evidence", filename: str) -> str:
    """A random name (the original one goes into `note`): evidence is served only through a scoped view."""
    extension = filename.rsplit(".", 1)[-1].lower()[:5] if "." in filename else "bin"
    return f"evidence/{uuid.uuid4().hex}.{extension}"


@track()
class Evidence(models.Model):
    """A file proving one criterion of the self-assessment (or the dossier as a whole when no criterion)."""

    scope_unit_field = "dossier__product__producer__commune"
    scope_producer_field = "dossier__product__producer"
    scope_session_field = "dossier__session"

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="evidence")
    criterion = models.CharField(_("criterion"), max_length=10, blank=True)
    file = models.FileField(_("file"), upload_to=evidence_path)
    note = models.CharField(_("note"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = RightsQuerySet.as_manager()

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["criterion", "id"]

    def __str__(self) -> str:
        return f"{self.criterion or '—'}: {self.note or self.file.name}"
