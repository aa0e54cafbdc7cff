"""Plans as data: a plan's period, map and province; its targets (one per indicator, optionally per unit);
its solutions and their tasks with progress reports (DOMAIN.md §5, §6)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ocop.core.history import track
from ocop.core.rights import RightsQuerySet
from ocop.places.choices import MapVersion
from ocop.programme.choices import Comparison, TaskStatus


@track()
class Plan(models.Model):
    """A province's OCOP plan (kế hoạch) for a period, on the map its figures are counted on, with its
    targets, solutions and tasks."""

    scope_unit_field = "province"

    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=255)
    document_number = models.CharField(_("document number"), max_length=60, blank=True)
    document_date = models.DateField(_("document date"), null=True, blank=True)
    province = models.ForeignKey("places.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("province"))
    map = models.CharField(_("reports on the map"), max_length=8, choices=MapVersion.choices)
    starts_on = models.DateField(_("period starts"))
    ends_on = models.DateField(_("deadline"))
    description = models.TextField(_("description"), blank=True)

    objects = RightsQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("starts_on")),
                name="plan_ends_after_start",
                violation_error_message=_("A plan's period must end after it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programme:dashboard", args=[self.slug])

    def clean(self) -> None:
        province = self.province if self.province_id else None
        # A national programme is placed on the whole country (the unit at the root of the map).
        if province is not None and (province.level not in ("province", "country") or province.map != self.map):
            raise ValidationError({"province": _("Choose a province of the map the plan reports on.")})


@track()
class Target(models.Model):
    """A plan's target for one indicator (for the whole province or one unit), compared with the value the
    indicator engine computes from the records."""

    scope_unit_field = "plan__province"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets", verbose_name=_("plan"))
    indicator = models.CharField(_("indicator"), max_length=40)
    comparison = models.CharField(
        _("comparison"), max_length=3, choices=Comparison.choices, default=Comparison.AT_LEAST
    )
    value = models.DecimalField(_("target"), max_digits=12, decimal_places=2, help_text=_("A count, or a percentage."))
    baseline = models.DecimalField(_("baseline"), max_digits=12, decimal_places=2, null=True, blank=True)
    baseline_on = models.DateField(_("baseline date"), null=True, blank=True)
    unit = models.ForeignKey(
        "places.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("for unit"), help_text=_("Empty: the whole plan. A unit: an override for that unit."),
    )  # fmt: skip

    objects = RightsQuerySet.as_manager()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["plan", "indicator", "unit"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "indicator", "unit"],
                condition=Q(unit__isnull=False),
                name="target_once_per_indicator_and_unit",
                violation_error_message=_("This plan already has a target for this indicator and unit."),
            ),
            models.UniqueConstraint(
                fields=["plan", "indicator"],
                condition=Q(unit__isnull=True),
                name="target_once_per_indicator",
                violation_error_message=_("This plan already has a target for this indicator."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan.slug}: {self.indicator} {self.get_comparison_display()} {self.value}"

    def clean(self) -> None:
        from ocop.programme.indicators.definitions import BY_CODE

        if self.indicator not in BY_CODE:
            raise ValidationError({"indicator": _("There is no indicator “%(code)s”.") % {"code": self.indicator}})
        plan = self.plan if self.plan_id else None
        unit = self.unit if self.unit_id else None
        if plan and unit and (unit.map != plan.map or not unit.path.startswith(plan.province.path)):
            raise ValidationError({"unit": _("The unit must lie in the plan's province, on the plan's map.")})


@track()
class Solution(models.Model):
    """One of a plan's solutions (giải pháp), grouping the tasks that carry it out."""

    scope_unit_field = "plan__province"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="solutions", verbose_name=_("plan"))
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=500)

    objects = RightsQuerySet.as_manager()

    class Meta:
        verbose_name = _("solution")
        verbose_name_plural = _("solutions")
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="solution_number_unique")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


@track()
class Task(models.Model):
    """A task of a solution: who does it, where, by when; its progress reports and the activities it led to."""

    scope_unit_field = "solution__plan__province"

    solution = models.ForeignKey(Solution, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("solution"))
    title = models.CharField(_("task"), max_length=500)
    responsible = models.CharField(_("responsible agency"), max_length=255)
    unit = models.ForeignKey(
        "places.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("unit")
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED)
    activities = models.ManyToManyField(
        "market.Activity", blank=True, related_name="tasks", verbose_name=_("activities")
    )

    objects = RightsQuerySet.as_manager()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["solution", "deadline", "id"]

    def __str__(self) -> str:
        return self.title


@track()
class TaskReport(models.Model):
    """A progress report on a task: when, how far, and what was done."""

    scope_unit_field = "task__solution__plan__province"

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports", verbose_name=_("task"))
    reported_on = models.DateField(_("reported on"))
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    text = models.TextField(_("report"))
    evidence = models.TextField(_("evidence (documents, links)"), blank=True)

    objects = RightsQuerySet.as_manager()

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["-reported_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100),
                name="taskreport_progress_percent",
                violation_error_message=_("Progress is a percentage from 0 to 100."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.task} {self.reported_on:%d/%m/%Y}"
