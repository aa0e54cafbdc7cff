"""Exporting a staff list to .xlsx or .csv: the same scoped queryset, filters and sort as the page shows.

A list registers a ListExport in its app's `exchange.py`: its base queryset for a user, its filter form (the
page's own) and its columns. Another app may add to a list's queryset what one of its columns reads
(`annotate`: the certificates app gives the products list its current stars), so the list's app need not
import it. A list of a record type with an import kind exports its ColumnSpec's columns (fields_of): the
kind's, then a few read-only ones the importer skips, so an exported file re-imports unchanged (the round trip).
Files are written row by row (openpyxl's write-only mode, the csv module): memory stays bounded.
"""

import csv
import datetime
import decimal
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ocop.core import rights
from ocop.core.filters import FilterForm
from ocop.core.types import RequestUser
from ocop.exchange.columns import ColumnSpec, display, yes_no

FORMATS = ("xlsx", "csv")
DATE_FORMAT = "DD/MM/YYYY"
Progress = Callable[[int, int], None]


class ExportError(ValueError):
    """The filters are not valid; `errors` maps each field to its message (in the user's language)."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


@dataclass(frozen=True)
class ExportField:
    header: str
    value: Callable[[Any], Any]
    field: str = ""  # the record's field the column shows, when it is one: a personal one is masked (`write`)


@dataclass(frozen=True)
class ListExport:
    name: str  # the list's name in URLs and on the command line: producers, products…
    label: str
    base: Callable[[Any], QuerySet]  # the user's scoped queryset, with what the columns need loaded
    filter_class: Any  # the list page's filter form: parses the same parameters, sorts the same way
    fields: tuple[ExportField, ...]

    def queryset(self, user: RequestUser | None, params: dict[str, str]) -> QuerySet:
        # A list's filter form reads unit names among the person's units, as on the page (core/filters.py).
        takes_user = issubclass(self.filter_class, FilterForm)
        form = self.filter_class(params, user=user) if takes_user else self.filter_class(params)
        if not form.is_valid():
            raise ExportError({name: " ".join(str(m) for m in errors) for name, errors in form.errors.items()})
        qs = self.base(user)
        for annotation in ANNOTATIONS.get(self.name, []):
            qs = annotation(qs)
        return form.apply(qs)

    def file_name(self, fmt: str) -> str:
        return f"{slugify(self.name)}-{timezone.localdate():%Y%m%d}.{fmt}"


EXPORTS: dict[str, ListExport] = {}
ANNOTATIONS: dict[str, list[Callable[[QuerySet], QuerySet]]] = {}


def register(export: ListExport) -> ListExport:
    if export.name in EXPORTS:
        raise LookupError(f"export list {export.name!r} is declared twice")
    EXPORTS[export.name] = export
    return export


def annotate(name: str, annotation: Callable[[QuerySet], QuerySet]) -> None:
    """Add to list `name`'s queryset what one of its columns reads, from another app (stars of products…)."""
    ANNOTATIONS.setdefault(name, []).append(annotation)


def write(
    export: ListExport, qs: QuerySet, fmt: str, user: RequestUser | None, progress: Progress | None = None
) -> bytes:
    """The file's bytes, as `user` may read them: a personal field (the model's `personal_fields`) of a record
    they lack the "personal" right on reads "Không hiển thị (dữ liệu cá nhân)" (`ocop.core.rights`), a value an
    import refuses. Headers and choice labels are in Vietnamese, like the import templates."""
    total = qs.count() if progress else 0
    with translation.override("vi"):
        rows = _rows(export, qs, user, total, progress)
        return _xlsx(export, rows) if fmt == "xlsx" else _csv(export, rows)


def _rows(
    export: ListExport, qs: QuerySet, user: RequestUser | None, total: int, progress: Progress | None
) -> Iterator[list[Any]]:
    personal = rights.personal_fields(qs.model)
    masked = [index for index, field in enumerate(export.fields) if field.field and field.field in personal]
    hidden = str(rights.HIDDEN)
    for index, obj in enumerate(qs.iterator(chunk_size=2000), start=1):
        row = [field.value(obj) for field in export.fields]
        if masked and not rights.sees_personal(user, obj):
            for column in masked:
                row[column] = hidden
        yield row
        if progress and index % 1000 == 0:
            progress(index, total)


def _xlsx(export: ListExport, rows: Iterator[list[Any]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Dữ liệu")
    sheet.freeze_panes = "A2"
    header_cells = []
    for field in export.fields:
        cell = WriteOnlyCell(sheet, value=field.header)
        cell.font = Font(bold=True)
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_cell(sheet: Any, value: Any) -> Any:
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        cell = WriteOnlyCell(sheet, value=value)  # type: ignore[arg-type]  # openpyxl writes dates; the stubs omit them
        cell.number_format = DATE_FORMAT
        return cell
    if isinstance(value, datetime.datetime):
        cell = WriteOnlyCell(sheet, value=value.replace(tzinfo=None))
        cell.number_format = "DD/MM/YYYY HH:MM"
        return cell
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"  # text that looks like a formula stays text
        return cell
    return value


def _csv(export: ListExport, rows: Iterator[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([field.header for field in export.fields])
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return ("\ufeff" + out.getvalue()).encode()  # the BOM makes Excel read UTF-8


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.astimezone().strftime("%d/%m/%Y %H:%M") if value.tzinfo else value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, decimal.Decimal):
        return str(int(value)) if value == value.to_integral_value() else str(value).replace(".", ",")
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    text = str(value)
    # Excel would run "=…", "@…" or "+x…" from a CSV as a formula; the leading space is stripped on import.
    return " " + text if text[:1] in ("=", "@") or (text[:1] in "+-" and text[1:2].isalpha()) else text


def fields_of(spec: ColumnSpec) -> tuple[ExportField, ...]:
    """The exported columns of a record type's spec, in the files' order."""
    return tuple(ExportField(column.header, column.read, column.field) for column in spec.exported)


__all__ = [
    "EXPORTS",
    "ExportError",
    "ExportField",
    "ListExport",
    "annotate",
    "display",
    "fields_of",
    "register",
    "write",
    "yes_no",
]
