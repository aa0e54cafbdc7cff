"""Products, the 26 product sets of QĐ 26/2026 (Annex I) and product photos."""

from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ocop.core.history import track
from ocop.core.rights import RightsQuerySet
from ocop.core.text import fold_all
from ocop.registry.choices import ProductStatus
from ocop.registry.models.producers import Producer, Timestamped


class ProductSet(models.Model):
    """One of the 26 product sets (bộ sản phẩm); each has its own scoresheet. Reference data."""

    number = models.PositiveSmallIntegerField(_("number"), primary_key=True)
    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=255)
    group_code = models.CharField(_("group code"), max_length=10)
    group_name = models.CharField(_("group"), max_length=255)
    sector_code = models.CharField(_("sector code"), max_length=5)
    sector_name = models.CharField(_("sector"), max_length=255)
    managing_agency = models.CharField(_("managing agency"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("product set")
        verbose_name_plural = _("product sets")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    @property
    def is_community_tourism(self) -> bool:
        return self.number == 26


@track()
class Product(Timestamped):
    """A product of a producer, in one of the 26 product sets of QĐ 26/2026; its stars come from its
    certificates."""

    scope_unit_field = "producer__commune"
    scope_producer_field = "producer"

    producer = models.ForeignKey(
        Producer, on_delete=models.PROTECT, related_name="products", verbose_name=_("producer")
    )
    product_set = models.ForeignKey(ProductSet, on_delete=models.PROTECT, verbose_name=_("product set"))
    name = models.CharField(_("product name"), max_length=255)
    status = models.CharField(_("status"), max_length=15, choices=ProductStatus.choices, default=ProductStatus.DRAFT)
    description = models.TextField(_("description"), blank=True)
    story = models.TextField(_("product story"), blank=True)
    packaging = models.CharField(_("packaging"), max_length=255, blank=True)
    standards = models.TextField(_("standards and quality declarations"), blank=True)
    traceability_code = models.CharField(_("traceability code"), max_length=100, blank=True)
    price = models.DecimalField(
        _("price (VND)"),
        max_digits=14,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    price_unit = models.CharField(_("per"), max_length=50, blank=True, help_text=_("e.g. 500 g bag, 1 kg, night"))
    tourism_location = models.CharField(_("tourism site location"), max_length=255, blank=True)
    tourism_capacity = models.PositiveIntegerField(
        _("tourism capacity (visitors)"), null=True, blank=True, validators=[MaxValueValidator(1_000_000)]
    )
    tourism_seasons = models.CharField(_("tourism seasons"), max_length=255, blank=True, help_text=_("e.g. all year"))
    tourism_services = models.TextField(_("tourism services"), blank=True, help_text=_("Stay, meals, guided visits…"))
    is_demo = models.BooleanField(_("demo data"), default=False)
    search_text = models.TextField(editable=False, default="")

    objects = RightsQuerySet.as_manager()

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["producer", "name", "product_set"],
                name="product_unique_per_producer_and_set",
                violation_error_message=_("This producer already has a product with this name in this product set."),
            ),
            models.CheckConstraint(
                condition=Q(price__isnull=True) | Q(price__gte=0),
                name="product_price_not_negative",
                violation_error_message=_("The price cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = self.folded()
        previous = Product.objects.filter(pk=self.pk).values_list("producer_id", flat=True).first() if self.pk else None
        super().save(*args, **kwargs)
        if previous is not None and previous != self.producer_id:
            # Its IP and quality records belong to the old producer: unlink them, logged row by row.
            for credential in self.credentials.exclude(producer_id=self.producer_id):
                credential.product = None
                credential.save()

    def folded(self) -> str:
        return fold_all(self.name, self.traceability_code, self.producer.name)

    def refresh_search_text(self) -> None:
        # search_text is not history: an update() keeps the change log about real changes only.
        Product.objects.filter(pk=self.pk).update(search_text=self.folded())

    def get_absolute_url(self) -> str:
        return reverse("registry:product_detail", args=[self.pk])

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        # The database would null Credential.product silently; do it row by row so each is logged.
        for credential in self.credentials.all():
            credential.product = None
            credential.save()
        return super().delete(*args, **kwargs)


@track()
class ProductPhoto(models.Model):
    """A photo of a product, re-encoded on upload, shown on the portal in renditions of several widths."""

    scope_unit_field = "product__producer__commune"
    scope_producer_field = "product__producer"

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to="products/%Y/%m/", width_field="width", height_field="height")
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    alt_text = models.CharField(_("description of the photo"), max_length=255, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0, validators=[MaxValueValidator(1000)])
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = RightsQuerySet.as_manager()

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.alt_text or self.image.name or ""
