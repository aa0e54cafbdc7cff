from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ocop.core.history import track
from ocop.core.rights import RightsQuerySet
from ocop.market.choices import RuralLevel
from ocop.market.models.search import Searchable


class UnitPlaced(models.Model):
    """Base of the records placed on an administrative unit rather than on a producer (new-rural statuses,
    craft villages)."""

    scope_unit_field = "unit"
    scope_producer_field = ""

    class Meta:
        abstract = True


@track()
class CommuneStatus(UnitPlaced):
    """A commune's new-rural status granted for a year, with the decision that granted it (indicator 15)."""

    unit = models.ForeignKey("places.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("commune"))
    year = models.PositiveSmallIntegerField(_("year"))
    level = models.CharField(_("status"), max_length=10, choices=RuralLevel.choices)
    decision_number = models.CharField(_("decision number"), max_length=60)
    decision_date = models.DateField(_("decision date"))

    objects = RightsQuerySet.as_manager()

    class Meta:
        verbose_name = _("new-rural status")
        verbose_name_plural = _("new-rural statuses")
        ordering = ["-year", "unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "level"],
                name="communestatus_once_per_year_and_level",
                violation_error_message=_("This commune already has this status for that year."),
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=2010, year__lte=2100),
                name="communestatus_year_range",
                violation_error_message=_("The year must be between 2010 and 2100."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}: {self.get_level_display()}"

    def get_absolute_url(self) -> str:
        return reverse("market:communestatus_list") + f"?q={self.unit.name}"


@track()
class CraftVillage(UnitPlaced, Searchable):
    """A recognised craft village (làng nghề), linked to tourism or not, with the products it makes."""

    search_fields = ("name",)

    name = models.CharField(_("name"), max_length=255)
    unit = models.ForeignKey("places.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("commune"))
    recognised_on = models.DateField(_("recognised on"), null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    tourism = models.BooleanField(_("linked to community tourism"), default=False)
    products = models.ManyToManyField(
        "registry.Product", blank=True, related_name="villages", verbose_name=_("products")
    )

    objects = RightsQuerySet.as_manager()

    class Meta:
        verbose_name = _("craft village")
        verbose_name_plural = _("craft villages")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("market:craftvillage_list") + f"?q={self.name}"
