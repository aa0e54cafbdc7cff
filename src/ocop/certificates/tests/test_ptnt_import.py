"""The national PTNT_OCOP table imported to reconcile: the dry run lists every row that does not agree with the
platform (unknown code, a tax number naming two producers, another producer, other stars or validity) and the
import writes nothing then; rows that agree update the product's certified name, all or nothing."""

import csv
import io

import pytest

from conftest import make_certificate, make_producer
from ocop.exchange.engine import run_import
from ocop.registry.models import Product

pytestmark = pytest.mark.django_db
HEADERS = [
    "MA_OCOP",
    "MaSoThue",
    "TenSanPham",
    "XepHang",
    "ChuTheSXKD",
    "Ma_DonViHanhChinh",
    "Ma_ThoiGian",
    "TrangThai",
]


def table(rows: list[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerows([HEADERS, *rows])
    return out.getvalue().encode("utf-8-sig")


@pytest.fixture
def certified(product_a):
    return make_certificate(product_a, "01/GCN-PTNT", "2025-09-01", stars=4)


def code(certificate) -> str:
    return certificate.product_code or certificate.number


def test_a_matching_table_updates_the_certified_name(province_officer, certified, product_a):
    rows = [[code(certified), "3801234567", "Hạt điều rang muối Tân Lập loại A", 4, "", "", 2025, 1]]
    dry = run_import("ptnt_ocop", "ptnt.csv", table(rows), province_officer, dry_run=True)
    assert dry.ok and dry.updated == 1, dry.as_dicts()
    product_a.refresh_from_db()
    assert product_a.name == "Hạt điều rang muối Tân Lập"  # a dry run writes nothing
    done = run_import("ptnt_ocop", "ptnt.csv", table(rows), province_officer, dry_run=False)
    assert done.ok and done.updated == 1
    product_a.refresh_from_db()
    assert product_a.name == "Hạt điều rang muối Tân Lập loại A"


def test_every_difference_is_listed_and_nothing_written(province_officer, certified, product_a, producer_a, commune_a):
    make_producer("HTX Điều Tân Lập — chi nhánh", commune_a, "3801234567-001")
    other = make_producer("Công ty Tiêu Đồng Phú", commune_a, "3805550001")
    rows = [
        [code(certified), "3801234567", "Tên mới", 5, "", "", 2025, 1],  # other stars
        ["75-000-00000-999-2025", "3805550001", "Không có", 3, "", "", 2025, 1],  # unknown code
        [code(certified), "3805550001", "Tên khác", 4, "", "", 2025, 1],  # another producer
        ["X-1", "0000000000", "Ai", 3, "", "", 2025, 1],  # no such producer
    ]
    report = run_import("ptnt_ocop", "ptnt.csv", table(rows), province_officer, dry_run=False)
    problems = report.as_dicts()
    assert not report.ok
    messages = " | ".join(p["message"] for p in problems)
    assert "5★" in messages and "75-000-00000-999-2025" in messages and other.name in messages
    assert "0000000000" in messages
    product_a.refresh_from_db()
    assert product_a.name == "Hạt điều rang muối Tân Lập"


def test_a_tax_number_naming_two_producers_is_refused_clearly(province_officer, certified, commune_a):
    make_producer("HTX Điều Tân Lập — chi nhánh 1", commune_a, "3809998881-001")
    make_producer("HTX Điều Tân Lập — chi nhánh 2", commune_a, "3809998881-002")
    rows = [[code(certified), "3809998881", "Tên", 4, "", "", 2025, 1]]
    report = run_import("ptnt_ocop", "ptnt.csv", table(rows), province_officer, dry_run=True)
    [problem] = report.as_dicts()
    assert problem["column"] == "MaSoThue" and "2" in problem["message"] and "chi nhánh 1" in problem["message"]
    assert Product.objects.filter(name="Tên").count() == 0


def test_another_provinces_certificates_are_not_found(outsider_officer, certified):
    rows = [[code(certified), "3801234567", "Chiếm", 4, "", "", 2025, 1]]
    report = run_import("ptnt_ocop", "ptnt.csv", table(rows), outsider_officer, dry_run=False)
    assert not report.ok and not Product.objects.filter(name="Chiếm").exists()


def test_the_provinces_own_table_exports_and_reimports_unchanged(province_officer, certified):
    from ocop.exchange.exports import EXPORTS, write

    export = EXPORTS["ptnt_ocop"]
    data = write(export, export.queryset(province_officer, {}), "csv", province_officer, lambda done, total: None)
    assert code(certified).encode() in data and b"3801234567" in data
    report = run_import("ptnt_ocop", "ptnt.csv", data, province_officer, dry_run=True)
    assert report.ok and (report.unchanged, report.updated) == (1, 0), report.as_dicts()
