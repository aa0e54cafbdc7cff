"""A record type's columns, each written once (NetBox's Table idea): its header in the files, how an import
reads its cell, how an export reads a record, and its label and cell on the list page. An app declares one
ColumnSpec per record type (market/columns.py…); its import kind, its export list and its list page all read
it, so the three cannot drift apart and an exported file re-imports unchanged."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter
from typing import Any

from ocop.exchange import values as v

Getter = Callable[[Any], Any]


@dataclass(frozen=True)
class Column:
    header: str  # in the files: the import template, the export and what an import reads (Vietnamese, stable)
    field: str = ""  # the row's value for the import kind ("" for columns an import does not read)
    parse: Callable[[Any], Any] | None = None  # reads the cell on import; None: export (or page) only
    required: bool = False
    help: str = ""
    choices: Sequence[tuple[str, str]] = ()  # for the template's drop-down
    depends_on_date: bool = False  # parsed with the row's date (administrative units)
    value: Getter | str | None = None  # the export's cell: a function of the record, or a dotted attribute path
    label: Any = None  # the list page's header (translated, gettext_lazy); None: not on the page
    show: Getter | None = None  # the page's cell where it differs from the export's (a short unit name…)
    example: Any = ""  # the template's example of the column
    name: str = ""  # how the page's column list names it (default: the field, else the header)

    @property
    def key(self) -> str:
        return self.name or self.field or self.header

    @cached_property
    def read(self) -> Getter:
        """The export's cell of a record."""
        if isinstance(self.value, str):
            return attrgetter(self.value)
        if self.value is None:
            raise LookupError(f"column {self.key!r} has no value to export or show")
        return self.value


def display(field: str) -> Getter:
    """The choice label of `field` (get_FOO_display), read in the export's (or page's) language."""
    return lambda obj: getattr(obj, f"get_{field}_display")()


def yes_no(value: bool) -> str:
    return "Có" if value else "Không"


def yes_no_of(field: str) -> Getter:
    """A boolean field as the files write it ("Có" / "Không", what the import reads back)."""
    return lambda obj: yes_no(getattr(obj, field))


def choice(header: str, field: str, choices: Sequence[tuple[str, str]], **options: Any) -> Column:
    """A column of one of `choices`: read by code or label, exported as the label, offered as a drop-down."""
    options.setdefault("value", display(field))
    return Column(header, field, v.choice_of(list(choices)), choices=choices, **options)


class ColumnSpec:
    """The columns of one record type, in the files' order (the imported ones first, then those only exported),
    and the columns of its list page by key, in the page's order."""

    def __init__(self, *columns: Column, page: Sequence[str] = ()) -> None:
        self.columns = columns
        by_key = {c.key: c for c in columns}
        if len(by_key) != len(columns):
            raise LookupError(f"two columns share a key: {[c.key for c in columns]}")
        self.imported = tuple(c for c in columns if c.parse is not None)
        self.exported = tuple(c for c in columns if c.header and c.value is not None)
        if self.imported and self.exported[: len(self.imported)] != self.imported:
            # The round trip: an exported file re-imports unchanged only if every imported column is exported.
            raise LookupError(f"imported columns without an export value, or out of order: {self.imported}")
        self.export_only = tuple(c.header for c in self.exported[len(self.imported) :])
        self.examples = [c.example for c in self.imported]
        unknown = [key for key in page if key not in by_key]
        if unknown:
            raise LookupError(f"page columns {unknown} are not declared")
        self.page_columns = tuple(by_key[key] for key in page)
        # (label, cell) pairs for the list page (core.views.ScopedListView.columns).
        self.page: tuple[tuple[Any, Getter], ...] = tuple((c.label, c.show or c.read) for c in self.page_columns)
