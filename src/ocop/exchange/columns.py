"""One column of a record type's list, written once (NetBox's Table idea): its header in the files, how an
import reads its cell, how an export and the list page read a record. A record type's columns are a
ColumnSpec, declared by its app (market/columns.py…) and used by its import kind, its export list and its
list page alike."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Column:
    header: str  # in the files: the import template, the export and what an import reads (Vietnamese, stable)
    field: str = ""  # the row's value for the import kind ("" for columns an import does not read)
    parse: Callable[[Any], Any] | None = None  # reads the cell on import; None: export (or page) only
    required: bool = False
    help: str = ""
    choices: Sequence[tuple[str, str]] = ()  # for the template's drop-down
    depends_on_date: bool = False  # parsed with the row's date (administrative units)
