import datetime

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ocop.core.history import track
from ocop.core.periods import Period
from ocop.core.rights import RightsQuerySet
from ocop.market.choices import MODERN_KINDS, ONLINE_KINDS, SalesPointKind
from ocop.market.models.search import Searchable


@track()
class SalesPoint(Searchable, Period):
    """Where OCOP products are shown or sold: showroom centres, shops, supermarkets, markets, platforms."""

    scope_unit_field = "unit"
    scope_producer_field = "producer"
    search_fields = ("name", "operator", "address")
    period_start, period_end = "opened_on", "closed_on"

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("type"), max_length=20, choices=SalesPointKind.choices)
    operator = models.CharField(_("operator"), max_length=255, blank=True)
    unit = models.ForeignKey(
        "places.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("commune"),
        help_text=_("The commune on the map of the opening date; empty only for online channels."),
    )  # fmt: skip
    address = models.CharField(_("address"), max_length=255, blank=True)
    url = models.URLField(_("web address"), blank=True)
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    producer = models.ForeignKey(
        "registry.Producer", on_delete=models.CASCADE, null=True, blank=True, related_name="shops",
        verbose_name=_("producer's own shop"),
    )  # fmt: skip
    confirmed = models.BooleanField(_("confirmed by an office"), default=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = RightsQuerySet.as_manager()

    class Meta:
        verbose_name = _("sales point")
        verbose_name_plural = _("sales points")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "kind"],
                name="salespoint_unique_name_and_kind",
                violation_error_message=_("A sales point of this type already has this name."),
            ),
            Period.ordered(
                "opened_on",
                "closed_on",
                name="salespoint_closes_after_opening",
                message=_("A sales point cannot close before it opens."),
            ),
            models.CheckConstraint(
                condition=Q(unit__isnull=False) | Q(kind__in=sorted(ONLINE_KINDS)),
                name="salespoint_physical_has_unit",
                violation_error_message=_("A physical sales point needs its commune."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("market:salespoint_detail", args=[self.pk])

    @property
    def is_modern(self) -> bool:
        return self.kind in MODERN_KINDS

    @property
    def is_showroom(self) -> bool:
        return self.kind == SalesPointKind.SHOWROOM_CENTRE

    def is_open_on(self, day: datetime.date) -> bool:
        return self.opened_on <= day and (self.closed_on is None or day <= self.closed_on)


@track()
class Listing(models.Model):
    """A product sold at a sales point, from when to when (indicators 13 and 14)."""

    scope_unit_field = "product__producer__commune"
    scope_producer_field = "product__producer"

    product = models.ForeignKey(
        "registry.Product", on_delete=models.CASCADE, related_name="listings", verbose_name=_("product")
    )
    sales_point = models.ForeignKey(
        SalesPoint, on_delete=models.CASCADE, related_name="listings", verbose_name=_("sales point")
    )
    since = models.DateField(_("from"))
    until = models.DateField(_("until"), null=True, blank=True)
    url = models.URLField(_("product page"), blank=True)
    price = models.DecimalField(
        _("price (VND)"), max_digits=14, decimal_places=0, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    confirmed = models.BooleanField(_("confirmed by an office"), default=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = RightsQuerySet.as_manager()

    class Meta:
        verbose_name = _("listing")
        verbose_name_plural = _("listings")
        ordering = ["-since", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "sales_point", "since"],
                name="listing_unique_product_point_since",
                violation_error_message=_("This product is already listed at this sales point from that day."),
            ),
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=F("since")),
                name="listing_ends_after_start",
                violation_error_message=_("A listing cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(price__isnull=True) | Q(price__gte=0),
                name="listing_price_not_negative",
                violation_error_message=_("The price cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product} — {self.sales_point}"

    def get_absolute_url(self) -> str:
        return self.sales_point.get_absolute_url()

    def clean(self) -> None:
        from django.core.exceptions import ValidationError
        from django.utils.formats import date_format

        point = self.sales_point if self.sales_point_id else None
        if point is None or self.since is None:
            return
        if point.closed_on and self.since > point.closed_on:
            raise ValidationError(
                {"since": _("%(point)s closed on %(day)s; a listing cannot start after that.")
                 % {"point": point.name, "day": date_format(point.closed_on, "SHORT_DATE_FORMAT")}}
            )  # fmt: skip
        if self.since < point.opened_on:
            raise ValidationError(
                {"since": _("%(point)s opened on %(day)s; a listing cannot start before that.")
                 % {"point": point.name, "day": date_format(point.opened_on, "SHORT_DATE_FORMAT")}}
            )  # fmt: skip
