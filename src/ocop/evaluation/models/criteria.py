"""The rules in force as data: criteria versions with their 26 scoresheets, each under a regime (the decision
that set it, `certificates.Regime`: certificates sit below evaluation). A version in use is immutable; every
scoresheet will pin its version."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ocop.certificates.models import Regime
from ocop.evaluation.scoring import SheetTemplate
from ocop.evaluation.scoring.readings import packaged_readings


class CriteriaVersion(models.Model):
    """One loaded criteria file. `key` = decision number + schema version; `sha256` detects changes."""

    regime = models.ForeignKey(Regime, on_delete=models.PROTECT, related_name="criteria_versions")
    key = models.CharField(_("version"), max_length=80, unique=True)
    schema_version = models.PositiveSmallIntegerField()
    sha256 = models.CharField(max_length=64)
    document = models.JSONField(_("source document"))
    star_bands = models.JSONField(_("star bands"))
    warnings = models.JSONField(_("extraction warnings"), default=list)
    in_use = models.BooleanField(
        _("in use"),
        default=False,
        help_text=_("Set when a scoresheet first uses it; from then on it is immutable."),
    )
    loaded_at = models.DateTimeField(_("loaded"), auto_now=True)
    loaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        verbose_name = _("criteria version")
        verbose_name_plural = _("criteria versions")
        ordering = ["-regime__effective_from", "-id"]

    def __str__(self) -> str:
        return self.key

    def scoresheet(self, set_number: int) -> SheetTemplate:
        """The set's sheet as printed, with our recorded readings of its irregular printings (docs/scoring.md)."""
        sheet = self.sheets.get(product_set_id=set_number)
        readings = packaged_readings(self.document["number"])
        return SheetTemplate.from_json(
            sheet.data, self.star_bands, readings, self.warnings, deciding_levels=self.regime.deciding_levels
        )


class CriteriaSheet(models.Model):
    """The scoresheet of one product set in one criteria version, as printed (JSON of the criteria file)."""

    version = models.ForeignKey(CriteriaVersion, on_delete=models.CASCADE, related_name="sheets")
    product_set = models.ForeignKey("registry.ProductSet", on_delete=models.PROTECT, related_name="+")
    data = models.JSONField()

    class Meta:
        verbose_name = _("scoresheet template")
        verbose_name_plural = _("scoresheet templates")
        ordering = ["version", "product_set"]
        constraints = [
            models.UniqueConstraint(fields=["version", "product_set"], name="criteria_sheet_unique_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.version} · {self.product_set}"

    def warnings(self) -> list[dict[str, Any]]:
        return [w for w in self.version.warnings if w.get("set_number") == self.product_set_id]
