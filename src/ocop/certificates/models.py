"""Certificates (giấy chứng nhận) through their whole life; the status is derived from dates and events."""

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ocop.certificates import lifecycle
from ocop.certificates.choices import DecidingLevel, RevocationGround
from ocop.certificates.codes import format_verification_code
from ocop.certificates.levels import Levels
from ocop.core.history import track
from ocop.core.periods import Period
from ocop.core.rights import RightsQuerySet


class Regime(models.Model):
    """A legal regime of OCOP evaluation (QĐ 1048/2019, QĐ 148/2023, QĐ 1489/2025, QĐ 26/2026).

    It lives with the certificates because it governs them (star bands, deciding levels) and evaluation sits
    above certificates; the evaluation's criteria versions point to it.

    Legacy regimes exist without their full criteria so that certificates granted under them can be
    recorded with their own star bands, part weights and deciding levels.
    """

    code = models.SlugField(_("code"), max_length=20, unique=True)
    document_number = models.CharField(_("decision number"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=255)
    issued_on = models.DateField(_("issued on"))
    effective_from = models.DateField(_("in force from"))
    effective_until = models.DateField(_("in force until"), null=True, blank=True)
    part_weights = models.JSONField(
        _("part weights"), help_text=_('Maximum points per part, e.g. {"A": 40, "B": 25, "C": 35}.')
    )
    star_bands = models.JSONField(_("star bands"), help_text=_("[{stars, min, below}] from the lowest band up."))
    deciding_levels = models.JSONField(
        _("deciding levels"),
        help_text=_('Who recognises each star level, e.g. {"3": "province", "5": "central"}.'),
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        db_table = "evaluation_regime"  # moved from evaluation (migration certificates 0003): the table stays
        verbose_name = _("regime")
        verbose_name_plural = _("regimes")
        ordering = ["effective_from"]

    def __str__(self) -> str:
        return f"{self.document_number} ({self.issued_on:%d/%m/%Y})"

    def levels(self) -> Levels:
        """Who recognises each star level under this regime: what is certifiable, what goes to the centre."""
        return Levels.from_json(self.deciding_levels)


class CertificateQuerySet(RightsQuerySet):
    def valid_on(self, day: datetime.date) -> "CertificateQuerySet":
        """Certificates that make their product an OCOP product on `day` (DOMAIN.md §5's definition)."""
        newer = Certificate.objects.filter(product=OuterRef("product"), issued_on__gt=OuterRef("issued_on"))
        return self.filter(lifecycle.valid_on_q(day, newer=newer))


@track()
class Certificate(Period):
    """A product's OCOP certificate (giấy chứng nhận): its stars, the decision that granted them, 36 months of
    validity (kept longer only by the QĐ 26 transition rule), and its end — expiry, a newer certificate, or
    revocation. Every certificate has an unguessable verification code for the public page."""

    scope_unit_field = "product__producer__commune"
    scope_producer_field = "product__producer"
    scope_level_field = "deciding_level"  # who recognised it revokes it (the table's "decider" reach)
    # The nominal validity; valid on a day is lifecycle's rule (revocation, a newer certificate, the transition).
    period_start, period_end = "issued_on", "valid_until"

    number = models.CharField(_("certificate number"), max_length=60, unique=True)
    product = models.ForeignKey(
        "registry.Product", on_delete=models.PROTECT, related_name="certificates", verbose_name=_("product")
    )
    stars = models.PositiveSmallIntegerField(_("stars"), validators=[MinValueValidator(3), MaxValueValidator(5)])
    regime = models.ForeignKey(Regime, on_delete=models.PROTECT, verbose_name=_("regime"))
    deciding_level = models.CharField(_("recognised by"), max_length=10, choices=DecidingLevel.choices)
    decision_number = models.CharField(_("decision number"), max_length=60)
    decision_date = models.DateField(_("decision date"))
    decision_signer = models.CharField(_("signed by"), max_length=150, blank=True)
    issued_on = models.DateField(_("issued on"))
    valid_until = models.DateField(_("valid until"))
    extended_until = models.DateField(
        _("kept valid until"), null=True, blank=True,
        help_text=_("Transition rule: a pending re-evaluation keeps it valid, at most 180 days after expiry."),
    )  # fmt: skip
    product_code = models.CharField(_("OCOP product code"), max_length=40, blank=True)
    code_province = models.CharField(max_length=2, blank=True)
    code_district = models.CharField(max_length=3, blank=True)
    code_commune = models.CharField(max_length=5, blank=True)
    code_sequence = models.CharField(max_length=10, blank=True)
    code_year = models.PositiveSmallIntegerField(null=True, blank=True)
    verification_code = models.CharField(_("verification code"), max_length=16, unique=True, editable=False)
    scan_count = models.PositiveIntegerField(_("verifications"), default=0, editable=False)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revocation_ground = models.CharField(_("ground"), max_length=2, choices=RevocationGround.choices, blank=True)
    revocation_authority = models.CharField(_("revoked by"), max_length=150, blank=True)
    revocation_decision = models.CharField(_("revocation decision"), max_length=60, blank=True)
    is_legacy = models.BooleanField(_("recorded from an earlier regime"), default=False)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(stars__gte=3, stars__lte=5),
                name="certificate_stars_3_to_5",
                violation_error_message=_("Only 3★, 4★ and 5★ products receive a certificate."),
            ),
            Period.ordered(
                "issued_on",
                "valid_until",
                strict=True,
                open_end=False,
                name="certificate_valid_after_issue",
                message=_("A certificate must be valid after the day it is issued."),
            ),
            models.CheckConstraint(
                condition=Q(revoked_on__isnull=True) | ~Q(revocation_ground=""),
                name="certificate_revocation_has_ground",
                violation_error_message=_("A revocation needs one of the six grounds."),
            ),
            models.CheckConstraint(
                condition=Q(decision_date__lte=F("issued_on")),
                name="certificate_decided_before_issue",
                violation_error_message=_("The certificate cannot be issued before its decision."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} — {self.product} ({self.stars}★)"

    def get_absolute_url(self) -> str:
        return reverse("certificates:detail", args=[self.pk])

    @property
    def display_code(self) -> str:
        return format_verification_code(self.verification_code)

    def facts(self) -> lifecycle.Facts:
        newer = (
            Certificate.objects.filter(product_id=self.product_id, issued_on__gt=self.issued_on)
            .order_by("issued_on")
            .values_list("issued_on", flat=True)
            .first()
        )
        return lifecycle.Facts(self.issued_on, self.valid_until, self.revoked_on, newer, self.extended_until)

    def status_on(self, day: datetime.date | None = None) -> str:
        return lifecycle.status_on(self.facts(), day or timezone.localdate())

    def window(self) -> tuple[datetime.date, datetime.date]:
        return lifecycle.window(self.valid_until)


class Reminder(models.Model):
    """A stage of a certificate that was reminded: sending is once per certificate and stage."""

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="reminders")
    stage = models.CharField(max_length=20)
    sent_on = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["certificate", "stage"], name="reminder_once_per_stage")]

    def __str__(self) -> str:
        return f"{self.certificate} · {self.stage}"
