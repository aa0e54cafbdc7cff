"""Reading an uploaded table (.xlsx or .csv) safely: bounded size, rows and columns; a clear message when
the file is not what it claims to be. Cells come back as Python values for the column parsers."""

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # an .xlsx is a zip: refuse bombs before opening them
MAX_ROWS = 100_000
MAX_COLUMNS = 80
EMPTY_ROWS_END = 200  # a sheet "used" to row 1,000,000 ends here in practice
INSTRUCTION_SHEETS = {"hướng dẫn", "huong dan", "instructions"}


class FileProblem(Exception):
    """The file as a whole cannot be read; the message is for the person who uploaded it."""


@dataclass
class Table:
    sheet: str
    headers: list[str]
    rows: list[tuple[int, list[Any]]]  # (row number as the user sees it, cells)


def read_table(name: str, data: bytes) -> Table:
    if not data:
        raise FileProblem(_("The file is empty."))
    if len(data) > MAX_FILE_BYTES:
        raise FileProblem(_("The file is larger than 20 MB; split it into several files."))
    lowered = name.lower()
    if lowered.endswith(".csv"):
        return _read_csv(data)
    if lowered.endswith(".xlsx"):
        return _read_xlsx(data)
    if lowered.endswith(".xls"):
        raise FileProblem(_("Old .xls files are not accepted: save it as .xlsx (Excel 2007 or later) or .csv."))
    raise FileProblem(_("Only .xlsx and .csv files are accepted."))


def _read_csv(data: bytes) -> Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileProblem(_("The CSV file is not UTF-8: save it as “CSV UTF-8” and try again.")) from None
    header = text.split("\n", 1)[0]  # the header line: cells below may hold ";" or "," themselves
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    return _table("CSV", _csv_rows(reader))


def _csv_rows(reader: Any) -> Iterator[tuple[int, list[Any]]]:
    try:
        yield from ((number, list(row)) for number, row in enumerate(reader, start=1))
    except csv.Error as error:  # the csv module stops at a cell over its limit (131,072 characters)
        if "field limit" in str(error):
            message = _(
                "Row %(row)s has a cell longer than %(limit)s characters; no column of the template is that long."
            )
        else:
            message = _("Row %(row)s cannot be read as CSV (%(error)s).")
        limit = f"{csv.field_size_limit():,}"
        raise FileProblem(message % {"row": reader.line_num, "limit": limit, "error": error}) from None


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(item.file_size for item in archive.infolist()) > MAX_UNZIPPED_BYTES:
                raise FileProblem(_("The file unpacks to more than 200 MB; it cannot be a list we can read."))
    except zipfile.BadZipFile:
        raise FileProblem(_("This is not an Excel .xlsx file (perhaps another file renamed .xlsx).")) from None
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged or foreign file
        raise FileProblem(_("This is not an Excel .xlsx file we can read.")) from None
    sheets = [s for s in book.worksheets if s.title.strip().lower() not in INSTRUCTION_SHEETS]
    if not sheets:
        raise FileProblem(_("The workbook has no data sheet."))
    sheet = sheets[0]
    rows = (
        (number, list(values))
        for number, values in enumerate(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS), start=1)
    )
    try:
        return _table(sheet.title, rows)
    finally:
        book.close()


def _table(sheet: str, rows: Iterator[tuple[int, list[Any]]]) -> Table:
    headers: list[str] | None = None
    body: list[tuple[int, list[Any]]] = []
    empty_run = 0
    for number, cells in rows:
        cells = [c.strip() if isinstance(c, str) else c for c in cells[:MAX_COLUMNS]]
        if all(c in (None, "") for c in cells):
            empty_run += 1
            if headers is not None and empty_run >= EMPTY_ROWS_END:
                break
            continue
        empty_run = 0
        if headers is None:
            headers = [str(c).strip() if c is not None else "" for c in cells]
            continue
        body.append((number, cells))
        if len(body) > MAX_ROWS:
            raise FileProblem(_("The file has more than %(limit)s rows; split it.") % {"limit": f"{MAX_ROWS:,}"})
    if headers is None:
        raise FileProblem(_("The file has no header row."))
    return Table(sheet, headers, body)
