"""End-to-end Excel: download the template, upload a filled file, read the dry run, confirm, then export the
list with its filter and read the file back. Drives Debian's Chromium through Playwright."""

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Browser, expect

from browser_kit import ensure_reference_data, open_page, shot
from conftest import PASSWORD, make_producer, make_user, unit
from ocop.core.choices import RoleKind
from ocop.places.models import Unit
from ocop.registry.models import Product

pytestmark = pytest.mark.browser


@pytest.fixture
def office(transactional_db: None) -> None:
    ensure_reference_data()
    make_user("tinh", RoleKind.PROVINCE_OFFICE, unit=unit("2025", "75"))
    tan_lap = Unit.objects.get(map="legacy", parent__code="695", name="Xã Tân Lập")
    make_producer("HTX Điều Tân Lập", tan_lap, "3801234567")


def filled_template(data: bytes, rows: list[list[object]]) -> bytes:
    book = load_workbook(io.BytesIO(data))
    for row in rows:
        book["Dữ liệu"].append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_office_imports_products_from_the_template_and_exports_the_list(
    live_server, browser: Browser, office: None, tmp_path
):
    page, failures = open_page(browser, accept_downloads=True)
    page.goto(live_server.url + "/login/")
    page.fill("#id_username", "tinh")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("form button[type=submit]")
    page.goto(live_server.url + "/staff/imports/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Biểu mẫu: Sản phẩm", exact=True).click()
    template = download.value.path().read_bytes()

    good = ["3801234567", "Hạt điều rang muối", 7, "Đang sản xuất", "", "", "hộp 500 g", "", "", "320.000", "hộp"]
    bad = ["3809999999", "Mật ong", 40, "Đang bán", "", "", "", "", "", "-5", ""]
    path = tmp_path / "san-pham.xlsx"
    path.write_bytes(filled_template(template, [good, bad]))
    page.select_option("#id_kind", "products")
    page.set_input_files("#id_file", str(path))
    with page.expect_navigation():
        page.click("form.record button[type=submit]")
    report = page.locator("main")
    expect(report).to_contain_text("3809999999")  # unknown producer, by row and column
    expect(report).to_contain_text("Đang bán")  # a status not in the list
    expect(page.get_by_role("button", name="Nhập ngay")).to_have_count(0)
    # Nothing written: the good row is what the file would have given, not a "new" product.
    expect(report).to_contain_text("2 dòng; chưa ghi dữ liệu nào. Các dòng không có lỗi lẽ ra sẽ cho: 1 mới")
    shot(page, "excel-dry-run-problems.png")

    path.write_bytes(filled_template(template, [good]))
    page.goto(live_server.url + "/staff/imports/")
    page.select_option("#id_kind", "products")
    page.set_input_files("#id_file", str(path))
    with page.expect_navigation():
        page.click("form.record button[type=submit]")
    assert not Product.objects.exists()  # the check writes nothing
    with page.expect_navigation():
        page.get_by_role("button", name="Nhập ngay").click()
    expect(page.locator("main")).to_contain_text("Đã ghi: 1 mới")
    assert Product.objects.get().price == 320000
    shot(page, "excel-imported.png")

    page.goto(live_server.url + "/staff/products/?q=hat+dieu")
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel", exact=True).click()
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    assert [c.value for c in sheet[2]][:3] == ["3801234567", "Hạt điều rang muối", 7]
    page.close()
    assert failures == []
