"""Post-recognition monitoring (hậu kiểm, QĐ 26/2026 Điều 9): inspection plans of an authority for a year, the
inspections of certified products under them, their checklists, findings and evidence files."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ocop.certificates.choices import RevocationGround
from ocop.core.history import track
from ocop.core.rights import RightsQuerySet
from ocop.monitoring.choices import AuthorityLevel, InspectionKind, ItemGroup, ItemResult, Outcome


@track()
class InspectionPlan(models.Model):
    """An authority's inspections for one year. The authority is a unit and a level: a province's OCOP office
    (unit: the province), or the ministry (unit: the whole country, level central) — the rights table's reach of
    the plan's unit decides who may plan and act under it."""

    scope_unit_field = "unit"

    unit = models.ForeignKey("places.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("area"))
    level = models.CharField(
        _("authority"), max_length=10, choices=AuthorityLevel.choices, default=AuthorityLevel.PROVINCE
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2019), MaxValueValidator(2100)])
    authority = models.CharField(_("inspecting body"), max_length=200)
    notes = models.TextField(_("scope and method"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RightsQuerySet.as_manager()

    class Meta:
        verbose_name = _("inspection plan")
        verbose_name_plural = _("inspection plans")
        ordering = ["-year", "unit__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "level", "year"], name="monitoring_one_plan_per_authority_year")
        ]

    def __str__(self) -> str:
        return f"{self.authority} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("monitoring:plan_detail", args=[self.pk])


@track()
class Inspection(models.Model):
    """One inspection of one certified product: periodic under the plan, or ad hoc from a report or a finding."""

    scope_unit_field = "product__producer__commune"
    scope_producer_field = "product__producer"
    # The inspectors' own notes: shown (and in the change log) only with the table's "personal" right.
    personal_fields = ("internal_notes",)

    plan = models.ForeignKey(
        InspectionPlan, on_delete=models.PROTECT, related_name="inspections", verbose_name=_("inspection plan")
    )
    product = models.ForeignKey(
        "registry.Product", on_delete=models.PROTECT, related_name="inspections", verbose_name=_("product")
    )
    certificate = models.ForeignKey(
        "certificates.Certificate", on_delete=models.PROTECT, related_name="inspections",
        verbose_name=_("certificate inspected"),
    )  # fmt: skip
    kind = models.CharField(_("type"), max_length=10, choices=InspectionKind.choices, default=InspectionKind.PERIODIC)
    # What an ad-hoc inspection was opened from: a misuse report (portal), another inspection's finding. Generic,
    # so that monitoring names no app above it; the link is checked against the rights table when it is made.
    origin_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    origin_id = models.PositiveBigIntegerField(null=True, blank=True)
    origin_note = models.CharField(_("reason for the inspection"), max_length=500, blank=True)
    scheduled_on = models.DateField(_("inspection date"))
    place = models.CharField(_("place"), max_length=255)
    team = models.TextField(_("inspection team"), help_text=_("One member a line: name, position, agency."))
    internal_notes = models.TextField(_("inspectors' internal notes"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.OPEN, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    conclusion = models.TextField(_("conclusion (shared with the producer)"), blank=True)
    remedy_due = models.DateField(_("remedy due by"), null=True, blank=True)
    remedied_on = models.DateField(_("remedy confirmed on"), null=True, blank=True)
    revocation_ground = models.CharField(
        _("proposed ground"), max_length=2, choices=RevocationGround.choices, blank=True
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RightsQuerySet.as_manager()

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-scheduled_on", "-id"]
        indexes = [models.Index(fields=["outcome", "remedy_due"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(outcome="remedy") | models.Q(remedy_due__isnull=False),
                name="monitoring_remedy_has_deadline",
                violation_error_message=_("A remedy needs a deadline."),
            ),
            models.CheckConstraint(
                condition=~models.Q(outcome="revoke") | models.Q(revocation_ground__in=["b", "d"]),
                name="monitoring_revocation_has_ground",
                violation_error_message=_("A revocation proposal needs ground (b) or (d)."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product} · {self.scheduled_on:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("monitoring:inspection_detail", args=[self.pk])


@track()
class CheckItem(models.Model):
    """One line of an inspection's checklist: a criterion the product was scored on, or a point on the use of the
    OCOP mark, label, information and promotion; what the team found (shared with the producer)."""

    scope_unit_field = "inspection__product__producer__commune"
    scope_producer_field = "inspection__product__producer"

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    group = models.CharField(_("group"), max_length=10, choices=ItemGroup.choices)
    code = models.CharField(_("code"), max_length=20)
    text = models.CharField(_("what is checked"), max_length=500)
    at_evaluation = models.CharField(_("at the evaluation"), max_length=255, blank=True)
    result = models.CharField(_("result"), max_length=10, choices=ItemResult.choices, blank=True, default="")
    finding = models.TextField(_("finding"), blank=True)

    objects = RightsQuerySet.as_manager()

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["inspection", "position"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "code"], name="monitoring_item_code_once"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text}"

    def get_absolute_url(self) -> str:
        return f"{self.inspection.get_absolute_url()}#item-{self.pk}"


def evidence_path(instance: "FindingFile", filename: str) -> str:
    """A random name (the original is kept in `name`): the files are served only through a scoped view."""
    extension = filename.rsplit(".", 1)[-1].lower()[:5] if "." in filename else "bin"
    return f"inspection-evidence/{uuid.uuid4().hex}.{extension}"


@track()
class FindingFile(models.Model):
    """An evidence file of a finding: a photo of a label, a minute, a lab result."""

    scope_unit_field = "item__inspection__product__producer__commune"
    scope_producer_field = "item__inspection__product__producer"

    item = models.ForeignKey(CheckItem, on_delete=models.CASCADE, related_name="files", verbose_name=_("item"))
    file = models.FileField(_("file"), upload_to=evidence_path)
    name = models.CharField(_("name"), max_length=255)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = RightsQuerySet.as_manager()

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name
