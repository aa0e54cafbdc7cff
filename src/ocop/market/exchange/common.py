"""What the market import kinds share: lookups of producers and units, money and coordinates,
and confirmation of producer accounts' proposals (who may import which row: the rights table, asked by the engine)."""

import copy
import datetime
from abc import abstractmethod
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.formats import date_format

from ocop.core import rights
from ocop.core.history import snapshot
from ocop.exchange import values as v
from ocop.exchange.areas import AreaMatcher
from ocop.exchange.kinds import ImportKind
from ocop.exchange.units import UnitMatcher
from ocop.market import columns
from ocop.places.models import Unit
from ocop.registry.models import Producer
from ocop.registry.references import ProducersByTax


def _d(day: datetime.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def money(value: Decimal | None) -> Decimal | None:
    """Whole amounts as the database gives them back (1.5E+6 and 1500000 compare alike)."""
    if value is None or not value.is_finite() or value != value.to_integral_value():
        return value  # a fraction of a đồng is left for the field's validation to report
    return Decimal(int(value))


def coordinate(value: Decimal | None) -> Decimal | None:
    """Six decimals, as stored: 11.5 from a file and 11.500000 from the database are the same place."""
    if value is None:
        return None
    try:
        return value.quantize(Decimal("0.000001"))
    except InvalidOperation:
        return value  # too many digits: the field's validation reports it


def differs(current: models.Model, instance: models.Model) -> bool:
    return snapshot(current) != snapshot(instance)


class _ProductsChanged:
    """Stands for the booth of a participation whose products shown changed (see ParticipationsKind.fill)."""

    def __init__(self, booth: str) -> None:
        self.booth = booth


class MarketKind(ImportKind):
    """What the market kinds share: unconfirmed proposals of producer accounts, lookups cached for one run (of
    what the importer may see), and check-constraint messages put on the column they are about rather than on the
    whole row. Who may import which row is the rights table's "import", asked by the engine."""

    constraint_fields: dict[str, str] = {}  # check constraint's name → the field its message belongs to

    def __init__(self) -> None:
        self._existing: dict[tuple, models.Model] = {}
        self._areas: AreaMatcher | None = None
        self._communes: UnitMatcher | None = None
        self._producers = ProducersByTax()

    @property
    def own_producer(self) -> Producer | None:
        """The producer of a producer account (None for offices and administrators)."""
        return rights.acting_producer(self.user)

    # Lookups

    def resolve(self, values: dict[str, Any], user: Any) -> dict[str, Any]:
        return self.lookup(values, user)

    def lookup(self, values: dict[str, Any], user: Any) -> dict[str, Any]:
        return values

    def load_producers(self, rows: list[dict[str, Any]], field: str) -> None:
        self._producers.load(self.user, rows, field)

    def producer_by_tax(self, tax: str, column: str = columns.TAX) -> Producer:
        return self._producers.get(tax, column)

    def area(self, value: Any, day: datetime.date, column: str) -> Unit | None:
        if not v.text(value):
            return None
        self._areas = self._areas or AreaMatcher(rights.prefixes(self.user))
        with v.in_column(column):
            return self._areas.unit(value, day)

    def commune(self, value: Any, day: datetime.date, column: str = columns.COMMUNE) -> Unit:
        self._communes = self._communes or UnitMatcher(rights.prefixes(self.user))
        with v.in_column(column):
            return self._communes.commune(value, day)

    def remember(self, found: dict[tuple, models.Model]) -> dict[tuple, models.Model]:
        self._existing = found
        return found

    # Building

    def build(self, values: dict[str, Any], current: models.Model | None) -> models.Model:
        instance = copy.copy(current) if current else self.model()
        instance._import_current = current
        self.fill(instance, values, current)
        if hasattr(instance, "confirmed"):
            self.confirm(instance, values, current)
        return instance

    @abstractmethod
    def fill(self, instance: models.Model, values: dict[str, Any], current: models.Model | None) -> None:
        """Copy the row's values onto the instance (each kind knows its fields)."""

    def confirm(self, instance: models.Model, values: dict[str, Any], current: models.Model | None) -> None:
        """Offices' new records are confirmed; a producer account's new or changed one waits for an office."""
        instance.confirmed = current.confirmed if current else self.own_producer is None
        if self.own_producer is not None and (current is None or differs(current, instance)):
            instance.confirmed = False

    # Checking

    def validate(self, instance: models.Model) -> None:
        try:
            super().validate(instance)
        except ValidationError as error:
            errors = {name: list(messages) for name, messages in error.message_dict.items()}
            fields = {
                str(c.get_violation_error_message()): self.constraint_fields[c.name]
                for c in instance._meta.constraints
                if c.name in self.constraint_fields
            }
            for message in list(errors.get(NON_FIELD_ERRORS, [])):
                if message in fields:
                    errors[NON_FIELD_ERRORS].remove(message)
                    errors.setdefault(fields[message], []).append(message)
            raise ValidationError({name: messages for name, messages in errors.items() if messages}) from None
