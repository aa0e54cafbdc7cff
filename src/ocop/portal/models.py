"""The public catalogue's read model and the public's reports of suspected label misuse.

`CatalogueEntry` is derived data: one row per product that ever received a certificate, rebuilt from the
registry and certificates by `ocop.portal.catalogue` whenever they change (and nightly, since the map and
the calendar move too). It exists so that searching 40,000 products is one indexed table scan rather than a
join through certificates with "newest valid" subqueries; nothing is ever edited in it by hand.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ocop.certificates import lifecycle
from ocop.core.history import track
from ocop.core.rights import RightsQuerySet


class CatalogueQuerySet(models.QuerySet):
    def valid_on(self, day: datetime.date) -> "CatalogueQuerySet":
        return self.filter(valid_q(day))

    def public(self, day: datetime.date) -> "CatalogueQuerySet":
        """What the portal lists: valid products, plus lapsed ones when the office chose to mark them."""
        if settings.OCOP_PORTAL_LAPSED == "hide":
            return self.valid_on(day)
        return self.all()


def valid_q(day: datetime.date) -> Q:
    """The certificates' rule (`lifecycle.valid_on_q`) on the entry's copy: it holds the product's latest
    certificate, and `valid_through` is already its last valid day."""
    return lifecycle.valid_on_q(day, valid_until="valid_through", extended_until=None)


class CatalogueEntry(models.Model):
    """The public catalogue's read model: one row per product with a certificate, with what the portal shows
    and searches (stars on the day, the commune on the current map, folded search text), kept current by
    signals and rebuilt daily."""

    product = models.OneToOneField(
        "registry.Product", on_delete=models.CASCADE, primary_key=True, related_name="catalogue_entry"
    )
    producer = models.ForeignKey("registry.Producer", on_delete=models.CASCADE, related_name="+")
    certificate = models.ForeignKey("certificates.Certificate", on_delete=models.CASCADE, related_name="+")
    stars = models.PositiveSmallIntegerField()
    issued_on = models.DateField()
    valid_through = models.DateField()  # valid_until, or the transition rule's extension when later
    revoked_on = models.DateField(null=True, blank=True)
    name = models.CharField(max_length=255)
    sort_name = models.CharField(max_length=255, db_index=True)  # folded: "Điều" sorts with "Dieu"
    search_text = models.TextField()
    product_set = models.ForeignKey("registry.ProductSet", on_delete=models.PROTECT, related_name="+")
    group_code = models.CharField(max_length=10)
    sector_code = models.CharField(max_length=5)
    legal_form = models.CharField(max_length=30)
    commune = models.ForeignKey("places.Unit", on_delete=models.PROTECT, related_name="+")  # on the current map
    unit_path = models.CharField(max_length=64, db_index=True)
    legacy_district = models.CharField(max_length=100, blank=True)
    photo = models.ForeignKey("registry.ProductPhoto", on_delete=models.SET_NULL, null=True, related_name="+")
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True)
    refreshed_at = models.DateTimeField(auto_now=True, db_index=True)  # the catalogue's version (state.py)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["sort_name", "product_id"]
        indexes = [models.Index(fields=["stars", "sort_name"]), models.Index(fields=["valid_through"])]

    def __str__(self) -> str:
        return self.name

    def is_valid_on(self, day: datetime.date) -> bool:
        return lifecycle.is_valid_on(lifecycle.Facts(self.issued_on, self.valid_through, self.revoked_on), day)


class MisuseStatus(models.TextChoices):
    NEW = "new", _("New")
    CHECKING = "checking", _("Being checked")
    CONFIRMED = "confirmed", _("Misuse confirmed")
    UNFOUNDED = "unfounded", _("Unfounded")


@track()
class MisuseReport(models.Model):
    """A member of the public's report that an OCOP label is used where it should not be."""

    scope_unit_field = "unit"
    scope_producer_field = "product__producer"
    # The reporter's contact and hashed address: shown only to those with the "personal" right (the handling office).
    personal_fields = ("contact", "client_hash")

    product = models.ForeignKey(
        "registry.Product", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("product"),
    )  # fmt: skip
    # Where the report belongs: the product's commune; a report naming no product is the province office's.
    unit = models.ForeignKey("places.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    code = models.CharField(_("code on the label"), max_length=40, blank=True)
    product_name = models.CharField(_("product as labelled"), max_length=255, blank=True)
    seen_at = models.CharField(_("where it was seen"), max_length=255)
    description = models.TextField(_("what is wrong"), max_length=4000)
    contact = models.CharField(_("your contact (optional)"), max_length=255, blank=True)
    client_hash = models.CharField(max_length=64, db_index=True, editable=False)  # hashed address: rate limit
    status = models.CharField(_("status"), max_length=10, choices=MisuseStatus.choices, default=MisuseStatus.NEW)
    handling_note = models.TextField(_("handling note"), blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)

    objects = RightsQuerySet.as_manager()

    class Meta:
        verbose_name = _("suspected misuse report")
        verbose_name_plural = _("suspected misuse reports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.created_at:%d/%m/%Y} {self.product_name or self.code}"
