import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ocop.core.history import track
from ocop.core.rights import RightsQuerySet
from ocop.market.choices import ActivityKind, ActivityStatus, FundingSource, SupportKind
from ocop.market.models.events import MONEY
from ocop.market.models.search import Searchable


@track()
class Activity(Searchable):
    """One activity of the plan's solutions 3–7: a support policy, a science project, IP support, a pilot
    model, a training course or a communication item; one model for all, told apart by `kind`."""

    scope_unit_field = "unit"
    scope_producer_field = ""
    search_fields = ("title", "agency")

    kind = models.CharField(_("type"), max_length=20, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=255)
    agency = models.CharField(_("responsible agency"), max_length=255)
    unit = models.ForeignKey(
        "places.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"),
        help_text=_("The province, district or commune the activity belongs to."),
    )  # fmt: skip
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"), null=True, blank=True)
    budget = models.DecimalField(_("budget (VND)"), **MONEY)
    funding_source = models.CharField(_("funding source"), max_length=12, choices=FundingSource.choices, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    evidence = models.TextField(_("evidence (documents, links)"), blank=True)
    producers = models.ManyToManyField("registry.Producer", blank=True, related_name="activities")
    products = models.ManyToManyField("registry.Product", blank=True, related_name="activities")
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = RightsQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme activity")
        verbose_name_plural = _("programme activities")
        ordering = ["-starts_on", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["title", "starts_on"],
                name="activity_unique_title_and_start",
                violation_error_message=_("An activity with this title already starts on that day."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="activity_ends_after_start",
                violation_error_message=_("An activity cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
                name="activity_budget_not_negative",
                violation_error_message=_("The budget cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("market:activity_detail", args=[self.pk])


@track()
class Support(models.Model):
    """Support one producer received (kind, amount, funding source, date), under an activity or not."""

    scope_unit_field = "producer__commune"
    scope_producer_field = "producer"

    producer = models.ForeignKey(
        "registry.Producer", on_delete=models.CASCADE, related_name="supports", verbose_name=_("producer")
    )
    activity = models.ForeignKey(
        Activity, on_delete=models.SET_NULL, null=True, blank=True, related_name="supports",
        verbose_name=_("under activity"),
    )  # fmt: skip
    kind = models.CharField(_("type"), max_length=12, choices=SupportKind.choices)
    amount = models.DecimalField(_("amount (VND)"), **MONEY)
    funding_source = models.CharField(_("funding source"), max_length=12, choices=FundingSource.choices)
    received_on = models.DateField(_("received on"))
    description = models.CharField(_("description"), max_length=255, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = RightsQuerySet.as_manager()

    class Meta:
        verbose_name = _("support received")
        verbose_name_plural = _("support received")
        ordering = ["-received_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["producer", "kind", "received_on"],
                name="support_unique_producer_kind_day",
                violation_error_message=_("This producer already has support of this type on that day."),
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="support_amount_not_negative",
                violation_error_message=_("The amount cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.producer}: {self.get_kind_display()} {self.received_on:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return self.producer.get_absolute_url()


def evidence_path(instance: "ActivityFile", filename: str) -> str:
    """A random name (the original one is kept in `name`): files are served only through a scoped view."""
    extension = filename.rsplit(".", 1)[-1].lower()[:5] if "." in filename else "bin"
    return f"activity-evidence/{uuid.uuid4().hex}.{extension}"


@track()
class ActivityFile(models.Model):
    """An evidence file of an activity (a decision, a report, a list of participants, photos)."""

    scope_unit_field = "activity__unit"

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="files", verbose_name=_("activity"))
    file = models.FileField(_("file"), upload_to=evidence_path)
    name = models.CharField(_("name"), max_length=255)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = RightsQuerySet.as_manager()

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.name
