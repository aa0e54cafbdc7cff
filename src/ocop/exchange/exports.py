"""Exporting a staff list to .xlsx or .csv: the same scoped queryset, filters and sort as the page shows.

A list registers a ListExport (ocop.exchange.lists): its base queryset for a user, its filter form (the
page's own) and its columns. Lists that have an import kind export exactly that kind's columns, plus a few
read-only ones the importer skips, so an exported file re-imports unchanged (the round trip).
Files are written row by row (openpyxl's write-only mode, the csv module): memory stays bounded.
"""

import csv
import datetime
import decimal
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ocop.core.filters import FilterForm
from ocop.core.types import RequestUser

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
        return form.apply(self.base(user))

    def file_name(self, fmt: str) -> str:
        return f"{slugify(self.name)}-{datetime.date.today():%Y%m%d}.{fmt}"


EXPORTS: dict[str, ListExport] = {}


def register(export: ListExport) -> ListExport:
    EXPORTS[export.name] = export
    return export


def write(export: ListExport, qs: QuerySet, fmt: str, progress: Progress | None = None) -> bytes:
    """The file's bytes. Headers and choice labels are in Vietnamese, like the import templates."""
    total = qs.count() if progress else 0
    with translation.override("vi"):
        rows = _rows(export, qs, total, progress)
        return _xlsx(export, rows) if fmt == "xlsx" else _csv(export, rows)


def _rows(export: ListExport, qs: QuerySet, total: int, progress: Progress | None) -> Iterator[list[Any]]:
    for index, obj in enumerate(qs.iterator(chunk_size=2000), start=1):
        yield [field.value(obj) for field in export.fields]
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


def display(field: str) -> Callable[[Model], str]:
    """The choice label of `field` (get_FOO_display), read in the export's language."""
    return lambda obj: getattr(obj, f"get_{field}_display")()


def yes_no(value: bool) -> str:
    return "Có" if value else "Không"
