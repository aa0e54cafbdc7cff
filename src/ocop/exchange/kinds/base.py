from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models


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

    def row_date(self, values: dict[str, Any]) -> Any:
        """The date on which the row's administrative units are read (default: today)."""
        import datetime

        return datetime.date.today()

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

    def write(self, instance: models.Model, values: dict[str, Any]) -> None:
        instance.save()

    def in_scope(self, instance: models.Model, user: Any) -> bool:
        return True
