"""Administrative units of Vietnam on both maps, with validity dates and the old→new succession."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ocop.core.periods import Period
from ocop.core.rights import RightsQuerySet
from ocop.places.choices import Level, MapVersion


class UnitQuerySet(RightsQuerySet):
    def valid_at(self, day: datetime.date) -> "UnitQuerySet":
        return self.filter(Unit.covering_q(day))

    def communes(self) -> "UnitQuerySet":
        return self.filter(level=Level.COMMUNE)

    def under_any(self, prefixes: list[str]) -> "UnitQuerySet":
        query = Q()
        for prefix in prefixes:
            query |= Q(path__startswith=prefix)
        return self.filter(query) if prefixes else self.none()


class Unit(Period):
    """A province, district or commune of one map.

    `code` is the official code as the statistics office writes it: 2 digits for a province, 3 for a
    district, 5 for a commune ("70", "688", "25216"); the same code may exist on both maps, so the map
    is part of the key. `path` ("legacy/70/688/25216/") makes "everything under" one indexed prefix query.
    """

    scope_unit_field = "self"  # for the rights table: whose figures a person may see
    period_start, period_end = "valid_from", "valid_to"  # both empty for a unit with no known dates

    map = models.CharField(_("map"), max_length=8, choices=MapVersion.choices)
    code = models.CharField(_("code"), max_length=5)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    division_type = models.CharField(_("type"), max_length=40)
    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=100)
    search_text = models.CharField(max_length=200, db_index=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    path = models.CharField(max_length=64, unique=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["map", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["map", "code"],
                name="unit_code_unique_per_map",
                violation_error_message=_("This code already exists on this map."),
            ),
            Period.ordered(
                "valid_from",
                "valid_to",
                open_start=True,
                name="unit_validity_ordered",
                message=_("A unit cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def key(self) -> str:
        return f"{self.map}:{self.code}"

    def is_valid_at(self, day: datetime.date) -> bool:
        return self.covers(day)

    def ancestors(self) -> list["Unit"]:
        """From the province down to the parent (at most two queries' worth of parents)."""
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    def full_name(self) -> str:
        return ", ".join(unit.name for unit in [self, *reversed(self.ancestors())])


class Succession(models.Model):
    """`predecessor` (old map) became, wholly or in part, `successor` (new map) on `on`."""

    predecessor = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="successions_out")
    successor = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="successions_in")
    on = models.DateField(_("effective date"))
    partial = models.BooleanField(
        _("partial"), default=False, help_text=_("Only part of the old unit went to this new unit.")
    )

    class Meta:
        verbose_name = _("succession")
        verbose_name_plural = _("successions")
        constraints = [models.UniqueConstraint(fields=["predecessor", "successor"], name="succession_unique_pair")]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"
