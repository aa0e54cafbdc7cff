"""The bad-input corpus on every import kind: files built from each kind's template headers, a valid row first and
hostile cells after it (tests/corpus/values.py), as .xlsx and as .csv, checked and imported through `run_import`
(what the import pages, the worker and `ocop import` call). A report always comes back — no exception escapes —
and a report with any problem leaves the row count of every table as it was (the import's own record aside):
the valid row is not written either."""

import csv
import io
from collections.abc import Callable, Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from corpus import tally
from corpus.values import CELL_EXTRAS, CSV_LIMIT, SCALARS, text_or_hostile
from ocop.core.management.commands.rowcounts import row_counts
from ocop.exchange.engine import run_import
from ocop.exchange.kinds import KINDS
from ocop.exchange.tests.test_import import HEADERS as PRODUCER_HEADERS
from ocop.exchange.tests.test_import import producer_row
from ocop.exchange.tests.test_kinds import certificate_row
from ocop.exchange.tests.test_market_imports import (
    activity_row,
    event_row,
    listing_row,
    participation_row,
    sales_point_row,
    status_row,
    support_row,
)
from ocop.exchange.units import UnitMatcher

pytestmark = pytest.mark.django_db

RECORDED_WHEN_REFUSED = {"exchange_importrecord"}  # every check and import is recorded, refused or not
PER_CELL = 4  # hostile values each column gets (in turn, so a kind's columns share out the whole corpus)
LONG = {"over-csv-limit", "200k"}  # a CSV with one of these is refused whole: sent in files of their own

VALID_ROWS = {
    "producers": lambda: dict(
        zip(PRODUCER_HEADERS, producer_row(**{"Mã số thuế / số ĐKKD": "3809990001"}), strict=True)
    ),
    "products": lambda: {"Mã số thuế chủ thể": "3801234567", "Tên sản phẩm": "Mật ong rừng", "Bộ sản phẩm": 7},
    "certificates": lambda: certificate_row(**{"Số giấy chứng nhận": "99/GCN-CORPUS"}),
    "workforce": lambda: {"Mã số thuế chủ thể": "3801234567", "Năm": 2023, "Tổng số lao động": 12},
    "events": event_row,
    "participations": participation_row,
    "sales_points": sales_point_row,
    "listings": listing_row,
    "ptnt_ocop": lambda: {
        "MA_OCOP": "75-688-25216-001-2025",
        "MaSoThue": "3801234567",
        "TenSanPham": "Hạt điều",
        "XepHang": 4,
        "Ma_ThoiGian": 2025,
        "TrangThai": 1,
    },
    "commune_statuses": status_row,
    "activities": activity_row,
    "supports": support_row,
}


@pytest.fixture(scope="module", autouse=True)
def report() -> Iterator[None]:
    yield
    tally.write({"import-cells", "import-files"})


@pytest.fixture(scope="module", autouse=True)
def units_loaded_once() -> Iterator[None]:
    """An import reads the 14,000 administrative units into a matcher (seconds); the corpus runs ~150 imports, so
    each matcher is built once per scope and kept for the module (the units are reference data no test changes)."""
    from ocop.exchange import engine
    from ocop.exchange.areas import AreaMatcher
    from ocop.market.exchange import common

    def once(cls: type) -> Callable[[list[str] | None], object]:
        built: dict[tuple[str, ...] | None, object] = {}

        def matcher(prefixes: list[str] | None = None) -> object:
            key = tuple(prefixes) if prefixes is not None else None
            if key not in built:
                built[key] = cls(prefixes)
            return built[key]

        return matcher

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine, "UnitMatcher", once(UnitMatcher))
        patch.setattr(common, "UnitMatcher", once(UnitMatcher))
        patch.setattr(common, "AreaMatcher", once(AreaMatcher))
        yield


def test_every_kind_has_a_valid_row():
    assert set(VALID_ROWS) == set(KINDS), "add a valid row of the new kind to VALID_ROWS"


def headers(kind: str) -> list[str]:
    return [c.header for c in KINDS[kind].columns]


def csv_file(kind: str, rows: list[dict[str, object]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(headers(kind))
    writer.writerows([[row.get(h, "") for h in headers(kind)] for row in rows])
    return out.getvalue().encode("utf-8", "surrogatepass")


def xlsx_file(kind: str, rows: list[dict[str, object]]) -> bytes:
    """(XML cannot hold control characters such as NUL: an .xlsx cannot carry them, so they are left out here; the
    .csv carries them.)"""
    book = Workbook()
    sheet = book.active
    sheet.append(headers(kind))
    for row in rows:
        cells = [row.get(h, "") for h in headers(kind)]
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", c) if isinstance(c, str) else c for c in cells])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def hostile_rows(kind: str, names: list[str]) -> list[dict[str, object]]:
    """The valid row, then one row per (column, hostile value): each column its share of `names`."""
    values = [SCALARS[n] for n in names]
    rows = [VALID_ROWS[kind]()]
    for index, header in enumerate(headers(kind)):
        for step in range(min(PER_CELL, len(values))):
            rows.append({**VALID_ROWS[kind](), header: values[(index * PER_CELL + step) % len(values)]})
    return rows


def import_all_or_nothing(kind: str, name: str, data: bytes, user: object, cells: int) -> list[str]:
    """Check, then import, the file; the failures, described."""
    failures = []
    before = {t: n for t, n in row_counts().items() if t not in RECORDED_WHEN_REFUSED}
    for dry_run in (True, False):
        result = run_import(kind, name, data, user, dry_run=dry_run)  # an exception here fails the test
        tally.add("import-files", kind, 1)
        tally.add("import-cells", kind, cells)
        after = {t: n for t, n in row_counts().items() if t not in RECORDED_WHEN_REFUSED}
        if (dry_run or not result.ok) and after != before:
            changed = {t: (before.get(t), n) for t, n in after.items() if before.get(t) != n}
            failures.append(f"{name} dry_run={dry_run} problems={len(result.problems)} but wrote {changed}")
    return failures


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_hostile_cells_get_a_report_and_write_nothing(kind, province_officer, product_a, fair, points, training):
    short = [n for n in SCALARS if n not in LONG]
    failures = []
    rows = hostile_rows(kind, short)
    cells = (len(rows) - 1) * len(headers(kind))
    extras = [{**VALID_ROWS[kind](), h: v} for h in headers(kind) for v in CELL_EXTRAS.values()]
    failures += import_all_or_nothing(kind, f"{kind}.csv", csv_file(kind, rows), province_officer, cells)
    failures += import_all_or_nothing(
        kind, f"{kind}.xlsx", xlsx_file(kind, rows + extras), province_officer, cells + len(extras)
    )
    # Cells longer than the csv module reads: the whole .csv is refused; the .xlsx reads them as any cell.
    long_rows = hostile_rows(kind, sorted(LONG))[: 1 + len(LONG) * 2]
    failures += import_all_or_nothing(kind, f"{kind}-long.csv", csv_file(kind, long_rows), province_officer, 4)
    failures += import_all_or_nothing(kind, f"{kind}-long.xlsx", xlsx_file(kind, long_rows), province_officer, 4)
    assert len(SCALARS["over-csv-limit"]) > CSV_LIMIT
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_random_rows_never_escape_and_never_half_write(kind, province_officer, product_a):
    """Hypothesis: rows of hostile values and random text after a valid row, as .csv."""
    failures: list[str] = []
    width = len(headers(kind))

    @settings(max_examples=4, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(st.lists(text_or_hostile(), min_size=width, max_size=width), min_size=1, max_size=3))
    def run(rows: list[list[str]]) -> None:
        data = csv_file(kind, [VALID_ROWS[kind](), *(dict(zip(headers(kind), r, strict=True)) for r in rows)])
        failures.extend(import_all_or_nothing(kind, f"{kind}.csv", data, province_officer, len(rows) * width))

    run()
    assert not failures, "\n".join(failures)
