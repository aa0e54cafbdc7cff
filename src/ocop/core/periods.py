"""`Period`: a record that holds from a first day to a last day, both included; no last day = still holding.

Administrative units, producer addresses, events, certificates and sales points carry such a pair under their
own names (valid_from/valid_to, starts_on/ends_on, issued_on/valid_until, opened_on/closed_on). The names —
and so the database columns — stay; each model says which two fields are its period (`period_start`,
`period_end`) and gets from here, written once:

- the check constraint "the last day is not before the first" (`Period.ordered`, used in `Meta.constraints`);
- "does the period cover day D" in Python and as a query (`covers`, `covering_q`);
- the overlap rule (`overlapping_q`, and `validate_no_overlap` for models that set `period_exclusive_within`:
  two periods of the same owner share no day).

A certificate's period is its nominal validity; whether it makes its product an OCOP product on a day is the
certificates' rule (`certificates/lifecycle.py`), which also weighs revocation, a newer certificate and the
transition rule.
"""

import datetime
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Period(models.Model):
    period_start: ClassVar[str] = "valid_from"
    period_end: ClassVar[str] = "valid_until"
    # Fields naming the owner whose periods may not overlap (e.g. ("producer",)); empty: overlaps allowed.
    period_exclusive_within: ClassVar[tuple[str, ...]] = ()
    period_overlap_message: ClassVar[str] = _("This period overlaps another one.")

    class Meta:
        abstract = True

    @staticmethod
    def ordered(
        start: str,
        end: str,
        *,
        name: str,
        message: str,
        strict: bool = False,
        open_start: bool = False,
        open_end: bool = True,
    ) -> models.CheckConstraint:
        """The constraint "`end` is not before `start`" (`strict`: after it); an empty bound passes where the
        field may be empty."""
        condition = Q(**{f"{end}__{'gt' if strict else 'gte'}": F(start)})
        if open_start:
            condition = Q(**{f"{start}__isnull": True}) | condition
        if open_end:
            condition = Q(**{f"{end}__isnull": True}) | condition
        return models.CheckConstraint(condition=condition, name=name, violation_error_message=message)

    @property
    def period(self) -> tuple[datetime.date | None, datetime.date | None]:
        return getattr(self, self.period_start), getattr(self, self.period_end)

    def covers(self, day: datetime.date) -> bool:
        start, end = self.period
        return (start is None or start <= day) and (end is None or day <= end)

    @classmethod
    def covering_q(cls, day: datetime.date, prefix: str = "") -> Q:
        """Rows whose period covers `day` (`prefix`: the path to the model, e.g. "addresses__")."""
        start, end = prefix + cls.period_start, prefix + cls.period_end
        return (Q(**{f"{start}__isnull": True}) | Q(**{f"{start}__lte": day})) & (
            Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": day})
        )

    @classmethod
    def overlapping_q(cls, start: datetime.date | None, end: datetime.date | None) -> Q:
        """Rows whose period shares at least one day with [start, end] (None: open on that side)."""
        condition = Q()
        if end is not None:
            condition &= Q(**{f"{cls.period_start}__isnull": True}) | Q(**{f"{cls.period_start}__lte": end})
        if start is not None:
            condition &= Q(**{f"{cls.period_end}__isnull": True}) | Q(**{f"{cls.period_end}__gte": start})
        return condition

    def overlapping(self) -> models.QuerySet:
        """The same owner's other records whose period shares a day with this one's."""
        owner = {attname: getattr(self, attname) for attname in self._owner_attnames()}
        others = type(self)._default_manager.filter(**owner).filter(self.overlapping_q(*self.period))
        return others.exclude(pk=self.pk) if self.pk else others

    def validate_no_overlap(self) -> None:
        start, end = self.period
        if not self.period_exclusive_within or start is None or (end is not None and end < start):
            return  # an unordered period is the ordering constraint's to report
        if any(getattr(self, attname) is None for attname in self._owner_attnames()):
            return  # no owner yet: the required field reports it
        if self.overlapping().exists():
            raise ValidationError({self.period_start: self.period_overlap_message})

    def _owner_attnames(self) -> list[str]:
        return [self._meta.get_field(field).attname for field in self.period_exclusive_within]

    def clean(self) -> None:
        super().clean()
        self.validate_no_overlap()
