from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils import timezone


@dataclass(frozen=True)
class Column:
    header: str  # as in the template (Vietnamese)
    field: str
    parse: Callable[[Any], Any]
    required: bool = False
    help: str = ""
    choices: list[tuple[str, str]] = field(default_factory=list)  # for the template's drop-down
    depends_on_date: bool = False  # parsed with the row's date (administrative units)


class ImportKind(ABC):
    """One kind of row: its columns, its natural key, how to find existing records and write a row."""

    name = ""
    label = ""
    columns: list[Column] = []
    model: type[models.Model]
    # Headers that exports add for reading (current stars, district…): an exported file re-imports unchanged.
    export_only: tuple[str, ...] = ()
    # Foreign keys the kind resolved from the database itself: not fetched again row by row by full_clean.
    trusted_fields: tuple[str, ...] = ()
    # Per-row constraint checks cost a query each; a kind turns them off where its natural key and field
    # validators already cover every constraint (the database still enforces them at write time).
    check_constraints = True

    user: Any = None  # who imports: set by the engine before anything else (lookups read only what they see)

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

    def validate(self, instance: models.Model) -> None:
        """Raise ValidationError with the row's problems by field (the model's own rules by default)."""
        instance.full_clean(
            exclude=self.trusted_fields,
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
