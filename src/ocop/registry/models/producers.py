"""Producers (chủ thể OCOP) and what the plan needs to know about them (DOMAIN.md §4)."""

import datetime
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ocop.core.history import track
from ocop.core.periods import Period
from ocop.core.rights import RightsQuerySet
from ocop.core.text import fold_all
from ocop.registry.choices import (
    COOPERATIVES_AND_ENTERPRISES,
    CredentialKind,
    Ethnicity,
    Gender,
    LegalForm,
)

tax_code_validator = RegexValidator(
    r"^[0-9A-Z][0-9A-Z\-]{7,19}$",
    _("Enter a tax or business registration number: 8–20 digits or capital letters, dashes allowed."),
)


class Timestamped(models.Model):
    """Created and last-updated times, kept by the database row itself."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class ProducerQuerySet(RightsQuerySet):
    pass


@track()
class Producer(Timestamped):
    """An OCOP producer (chủ thể OCOP): a cooperative, enterprise or household business registered in a
    commune (with its address history), identified by its tax or registration number."""

    scope_unit_field = "commune"
    scope_producer_field = "pk"
    # Personal data of a natural person (the representative; a household's own phone and email): read and written
    # only with the table's "personal" right (docs/scoping.md, "Personal data"). Not personal: the producer's name,
    # tax number, address and location (public on the portal and in the business registry), the representative's
    # name and position (on the business registration and the dossiers); the portal still shows a phone or email
    # the producer chose to publish.
    personal_fields = (
        "representative_gender", "representative_ethnicity", "representative_disability", "phone", "email",
    )  # fmt: skip

    name = models.CharField(_("name"), max_length=255)
    legal_form = models.CharField(_("legal form"), max_length=30, choices=LegalForm.choices)
    tax_code = models.CharField(_("tax / registration number"), max_length=20, validators=[tax_code_validator])
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    representative_name = models.CharField(_("legal representative"), max_length=150)
    representative_position = models.CharField(_("position"), max_length=100, blank=True)
    representative_gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    representative_ethnicity = models.CharField(
        _("ethnicity"), max_length=2, choices=Ethnicity.choices, default=Ethnicity.NOT_STATED
    )
    representative_disability = models.BooleanField(_("person with a disability"), default=False)
    commune = models.ForeignKey("places.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("commune"))
    address = models.CharField(_("address (street, hamlet)"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    # The public portal shows a contact only when the producer chose to publish it.
    publish_phone = models.BooleanField(_("show the phone on the public portal"), default=False)
    publish_email = models.BooleanField(_("show the email on the public portal"), default=False)
    publish_website = models.BooleanField(_("show the website on the public portal"), default=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    search_text = models.TextField(editable=False, default="")

    objects = ProducerQuerySet.as_manager()

    class Meta:
        verbose_name = _("producer")
        verbose_name_plural = _("producers")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["tax_code"],
                name="producer_tax_code_unique",
                violation_error_message=_("Another producer already has this tax / registration number."),
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="producer_latitude_range",
                violation_error_message=_("Latitude must be between -90 and 90."),
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="producer_longitude_range",
                violation_error_message=_("Longitude must be between -180 and 180."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = fold_all(self.name, self.tax_code, self.representative_name)
        renamed = self.pk is not None and Producer.objects.filter(pk=self.pk).exclude(name=self.name).exists()
        super().save(*args, **kwargs)
        if renamed:  # products are found by their producer's name too
            for product in self.products.all():
                product.producer = self
                product.refresh_search_text()

    def get_absolute_url(self) -> str:
        return reverse("registry:producer_detail", args=[self.pk])

    @property
    def is_cooperative_or_enterprise(self) -> bool:
        return self.legal_form in COOPERATIVES_AND_ENTERPRISES

    @property
    def is_ethnic_minority_led(self) -> bool:
        return self.representative_ethnicity not in (Ethnicity.KINH, Ethnicity.NOT_STATED)

    def commune_at(self, day: datetime.date) -> object:
        """The commune recorded for `day` in the address history (falls back to the current one)."""
        entry = self.addresses.filter(ProducerAddress.covering_q(day)).select_related("commune").first()
        return entry.commune if entry else self.commune


class ProducerChild(models.Model):
    """Base for the records that hang off one producer and share its scope."""

    scope_unit_field = "producer__commune"
    scope_producer_field = "producer"

    class Meta:
        abstract = True


@track()
class ProducerAddress(ProducerChild, Period):
    """Where the producer was registered from `valid_from` to `valid_to` (a commune of that date's map); a
    producer's addresses never overlap."""

    period_start, period_end = "valid_from", "valid_to"
    period_exclusive_within = ("producer",)
    period_overlap_message = _("This address overlaps another address of the same producer.")

    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="addresses")
    commune = models.ForeignKey("places.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("commune"))
    address = models.CharField(_("address (street, hamlet)"), max_length=255, blank=True)
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("until"), null=True, blank=True)

    objects = RightsQuerySet.as_manager()

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("address history")
        ordering = ["-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["producer", "valid_from"],
                name="address_one_per_start_date",
                violation_error_message=_("This producer already has an address starting on that date."),
            ),
            Period.ordered(
                "valid_from",
                "valid_to",
                name="address_period_ordered",
                message=_("An address cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.producer}: {self.commune} ({self.valid_from:%d/%m/%Y})"


@track()
class Workforce(ProducerChild):
    """A producer's workforce in one year: workers, those trained, local ones, and the year's revenue
    (indicator 5 and the review reports)."""

    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="workforce")
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)])
    # Explicit bounds: SQLite would accept what PostgreSQL refuses, and a form must answer the same on both.
    workers = models.PositiveIntegerField(_("workers"), validators=[MaxValueValidator(1_000_000)])
    trained_workers = models.PositiveIntegerField(
        _("workers with degrees or certificates"), default=0, validators=[MaxValueValidator(1_000_000)]
    )
    local_workers = models.PositiveIntegerField(
        _("local workers"), default=0, validators=[MaxValueValidator(1_000_000)]
    )
    # Published as DoanhThuNam in the open data's PTNT_OCOP table (the latest year with a figure).
    revenue = models.DecimalField(
        _("annual revenue (VND)"), max_digits=16, decimal_places=0, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )  # fmt: skip

    objects = RightsQuerySet.as_manager()

    class Meta:
        verbose_name = _("workforce")
        verbose_name_plural = _("workforce by year")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["producer", "year"],
                name="workforce_one_per_year",
                violation_error_message=_("This producer already has a workforce record for that year."),
            ),
            models.CheckConstraint(
                condition=Q(trained_workers__lte=F("workers")) & Q(local_workers__lte=F("workers")),
                name="workforce_parts_within_total",
                violation_error_message=_("Trained and local workers cannot exceed the total workers."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1990, year__lte=2100),
                name="workforce_year_range",
                violation_error_message=_("The year must be between 1990 and 2100."),
            ),
            models.CheckConstraint(
                condition=Q(revenue__isnull=True) | Q(revenue__gte=0),
                name="workforce_revenue_not_negative",
                violation_error_message=_("The annual revenue cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.producer} {self.year}: {self.workers}"


@track()
class Linkage(ProducerChild):
    """A value-chain linkage (liên kết chuỗi giá trị) with a partner."""

    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="linkages")
    partner = models.CharField(_("partner"), max_length=255)
    contract_number = models.CharField(_("contract number"), max_length=100, blank=True)
    output_share = models.DecimalField(_("share of output (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    stable = models.BooleanField(_("stable and effective"), default=False)
    notes = models.TextField(_("notes"), blank=True)

    objects = RightsQuerySet.as_manager()

    class Meta:
        verbose_name = _("value-chain linkage")
        verbose_name_plural = _("value-chain linkages")
        ordering = ["-started_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(output_share__isnull=True) | Q(output_share__gte=0, output_share__lte=100),
                name="linkage_share_percent",
                violation_error_message=_("The share of output must be between 0 and 100 percent."),
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="linkage_period_ordered",
                violation_error_message=_("A linkage cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.producer} ↔ {self.partner}"

    def is_active_at(self, day: datetime.date) -> bool:
        return self.started_on <= day and (self.ended_on is None or self.ended_on >= day)


@track()
class Credential(ProducerChild):
    """Intellectual property (trademark, geographical indication…) or a quality system (VietGAP, ISO…)."""

    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="credentials")
    product = models.ForeignKey(
        "registry.Product",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="credentials",
        verbose_name=_("product"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=CredentialKind.choices)
    number = models.CharField(_("number"), max_length=100, blank=True)
    issuer = models.CharField(_("issued by"), max_length=255, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)

    objects = RightsQuerySet.as_manager()

    class Meta:
        verbose_name = _("IP right or quality system")
        verbose_name_plural = _("IP rights and quality systems")
        ordering = ["kind", "-issued_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(issued_on__isnull=True) | Q(expires_on__gte=F("issued_on")),
                name="credential_period_ordered",
                violation_error_message=_("It cannot expire before it was issued."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}".strip()
