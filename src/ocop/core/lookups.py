"""Integer lookups that match nothing, instead of crashing, on a value no column can hold.

Django (5.0, ticket #27397) answers `id=2**70` or `id__gt=2**70` on an integer field without sending the value
to the database: SQLite cannot bind it (OverflowError, a 500) and PostgreSQL would compare the whole table as
numeric. It does not for `__in`, nor for foreign keys (`producer=2**70`, `producer__in=[…]`), and those are how
a multi-select (ModelMultipleChoiceField), a hand-read id or a filter reaches the database. The lookups below
extend the same rule to them: a value outside the column's range matches no row. Registered once at start-up
(CoreConfig.ready), they cover every form, API operation and import alike.
"""

import copy
from typing import TYPE_CHECKING, Any

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db.models import ForeignKey, IntegerField
from django.db.models.fields import Field
from django.db.models.fields.related_lookups import (
    RelatedExact,
    RelatedGreaterThan,
    RelatedGreaterThanOrEqual,
    RelatedIn,
    RelatedLessThan,
    RelatedLessThanOrEqual,
)
from django.db.models.lookups import In, Lookup

if TYPE_CHECKING:  # what the mixins below are mixed into, for the type checker
    _InBase = In
    _LookupBase = Lookup
else:
    _InBase = _LookupBase = object


def column_range(field: Field, connection: Any) -> tuple[int | None, int | None] | None:
    """The (min, max) an integer column accepts, or None when the column is not an integer (a foreign key
    holds its target's values)."""
    target = getattr(field, "target_field", field)
    if not isinstance(target, IntegerField):
        return None
    return connection.ops.integer_field_range(target.get_internal_type())


def outside(value: Any, bounds: tuple[int | None, int | None]) -> bool:
    low, high = bounds
    return isinstance(value, int) and ((low is not None and value < low) or (high is not None and value > high))


class InWithoutOverflow(_InBase):
    """`__in`: values no column can hold are left out; none left means no row (Django's own `In` rule)."""

    def process_rhs(self, compiler: Any, connection: Any) -> Any:
        bounds = column_range(self.lhs.output_field, connection)
        if bounds and self.rhs_is_direct_value() and any(outside(v, bounds) for v in self.rhs):
            kept = copy.copy(self)  # the lookup may be compiled again (count, then rows): leave it as it was
            kept.rhs = [v for v in self.rhs if not outside(v, bounds)]
            return super(InWithoutOverflow, kept).process_rhs(compiler, connection)
        return super().process_rhs(compiler, connection)


class RelatedWithoutOverflow(_LookupBase):
    """A foreign key compared with one value (exact, gt, lt…), as Django's IntegerFieldOverflow does for
    integer fields themselves."""

    underflow_exception: type[Exception] = EmptyResultSet
    overflow_exception: type[Exception] = EmptyResultSet

    def process_rhs(self, compiler: Any, connection: Any) -> Any:
        bounds = column_range(self.lhs.output_field, connection)
        if bounds and outside(self.rhs, bounds):
            raise self.underflow_exception if self.rhs < 0 else self.overflow_exception
        return super().process_rhs(compiler, connection)


class IntegerIn(InWithoutOverflow, In):
    pass


class ForeignKeyIn(InWithoutOverflow, RelatedIn):
    pass


class ForeignKeyExact(RelatedWithoutOverflow, RelatedExact):
    pass


class ForeignKeyGreaterThan(RelatedWithoutOverflow, RelatedGreaterThan):
    underflow_exception = FullResultSet


class ForeignKeyGreaterThanOrEqual(RelatedWithoutOverflow, RelatedGreaterThanOrEqual):
    underflow_exception = FullResultSet


class ForeignKeyLessThan(RelatedWithoutOverflow, RelatedLessThan):
    overflow_exception = FullResultSet


class ForeignKeyLessThanOrEqual(RelatedWithoutOverflow, RelatedLessThanOrEqual):
    overflow_exception = FullResultSet


def register() -> None:
    IntegerField.register_lookup(IntegerIn)
    for lookup in (
        ForeignKeyIn,
        ForeignKeyExact,
        ForeignKeyGreaterThan,
        ForeignKeyGreaterThanOrEqual,
        ForeignKeyLessThan,
        ForeignKeyLessThanOrEqual,
    ):
        ForeignKey.register_lookup(lookup)
