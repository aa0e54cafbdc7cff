"""The kinds of file the platform imports. Each app declares its own kinds in its `exchange.py` with
`@register` (registry/exchange.py: producers, products…); ExchangeConfig.ready imports every app's
`exchange` module, so KINDS holds them all once Django is set up. The engine, the template, the pages and the
CLI work the same for all."""

from abc import ABC, abstractmethod
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from ocop.exchange.columns import Column, ColumnSpec
from ocop.exchange.validation import passes_field_checks

KINDS: dict[str, "ImportKind"] = {}


class ImportKind(ABC):
    """One kind of row: its columns, its natural key, how to find existing records and write a row."""

    name = ""
    label = ""
    # The record type's columns (exchange/columns.py), shared with its export list and list page: the kind's
    # columns, export-only headers and example row are read from it.
    spec: ColumnSpec | None = None
    columns: list[Column] | tuple[Column, ...] = []
    example: list[Any] = []  # one row of the template's instructions sheet, column by column
    model: type[models.Model]
    # Headers that exports add for reading (current stars, district…): an exported file re-imports unchanged.
    export_only: tuple[str, ...] = ()
    # Foreign keys the kind resolved from the database itself: not fetched again row by row by full_clean.
    trusted_fields: tuple[str, ...] = ()
    # Per-row constraint checks cost a query each; a kind turns them off where its natural key and field
    # validators already cover every constraint (the database still enforces them at write time).
    check_constraints = True

    user: Any = None  # who imports: set by the engine before anything else (lookups read only what they see)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "spec" in cls.__dict__ and cls.spec is not None:
            cls.columns, cls.export_only, cls.example = cls.spec.imported, cls.spec.export_only, cls.spec.examples

    def can_import(self, user: Any) -> bool:
        """The rights table's "import" on the kind's record type, somewhere (each row is checked on its own)."""
        from ocop.core import rights

        return rights.may(user, "import", self.model)

    def preload(self, rows: list[dict[str, Any]]) -> None:
        """Fetch what `resolve` will look up, for all rows at once (producers by tax number…)."""
        return None

    def row_date(self, values: dict[str, Any]) -> Any:
        """The date on which the row's administrative units are read (default: today)."""

        return timezone.localdate()

    @abstractmethod
    def key(self, values: dict[str, Any]) -> tuple:
        """The natural key that tells a new row from an update (tax number; producer + name + set…)."""

    def resolve(self, values: dict[str, Any], user: Any) -> dict[str, Any]:
        """Turn references (a tax number, a product set) into objects; raise CellError per column."""
        return values

    @abstractmethod
    def existing(self, keys: list[tuple]) -> dict[tuple, models.Model]:
        """The records already there, by natural key, in one query."""

    @abstractmethod
    def build(self, values: dict[str, Any], current: models.Model | None) -> models.Model:
        """An unsaved instance with the row's values (a copy of `current` when updating)."""

    def unchecked_fields(self, instance: models.Model) -> tuple[str, ...]:
        """The fields `validate` leaves out: those the kind resolved from the database itself."""
        return self.trusted_fields

    def validate(self, instance: models.Model) -> None:
        """Raise ValidationError with the row's problems by field (the model's own rules by default). A row that
        plainly passes the field checks (exchange/validation.py) skips full_clean's machinery; any other row
        gets full_clean itself, for its messages."""
        exclude = self.unchecked_fields(instance)
        if passes_field_checks(instance, exclude):
            if not self.check_constraints:
                return
            try:
                instance.validate_unique(exclude=set(exclude))
                instance.validate_constraints(exclude=set(exclude))
                return
            except ValidationError:
                pass  # full_clean below says it with the field checks' messages, as before
        instance.full_clean(
            exclude=exclude,
            validate_unique=self.check_constraints,
            validate_constraints=self.check_constraints,
        )

    def write(self, instance: models.Model, values: dict[str, Any]) -> None:
        instance.save()

    def write_many(self, items: list[tuple[models.Model, dict[str, Any], models.Model | None]]) -> None:
        """Write every checked row (inside the import's transaction); kinds may bulk-write instead."""
        for instance, values, _current in items:
            self.write(instance, values)

    def allows(self, instance: models.Model, current: models.Model | None) -> bool:
        """A kind's own rule on a row beyond the rights table, which the engine asks on the record as it stands and
        as the row would leave it (a producer account's event placed in its own province). None by default."""
        return True


# Not PEP 695 syntax, so that scripts run with an older Python (issue 16's app dependency graph) still parse it.
K = TypeVar("K", bound=type[ImportKind])


def register(kind: K) -> K:  # noqa: UP047 (see K)
    """Class decorator: one instance of `kind` serves the pages and the CLI; each run makes a fresh one."""
    if kind.name in KINDS and type(KINDS[kind.name]) is not kind:
        raise LookupError(f"import kind {kind.name!r} is declared twice")
    KINDS[kind.name] = kind()
    return kind


__all__ = ["KINDS", "Column", "ImportKind", "register"]
