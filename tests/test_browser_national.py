"""End-to-end: the national OCOP office opens the national plan, the provinces side by side, sorts them by
name, drills down into Đồng Nai's dashboard and downloads the national review report. Debian's Chromium
through Playwright."""

import re

import pytest
from playwright.sync_api import Browser, expect

from browser_kit import ensure_reference_data, open_page, shot
from conftest import PASSWORD, make_certificate, make_producer, make_product, make_user, unit
from ocop.core.choices import RoleKind
from ocop.places.models import Unit
from ocop.programme.loader import DATA, load_plan

pytestmark = pytest.mark.browser


@pytest.fixture
def national(transactional_db: None) -> None:
    ensure_reference_data()
    make_user("trunguong", RoleKind.NATIONAL_OFFICE, unit=unit("2025", "VN"))
    tan_lap = Unit.objects.get(map="legacy", parent__code="695", name="Xã Tân Lập")
    producer = make_producer("HTX Điều Tân Lập", tan_lap, "3801234567")
    make_certificate(make_product(producer, "Hạt điều rang muối Tân Lập"), "GCN-1", "2023-03-01")
    load_plan(DATA / "quoc-gia-2021-2025.json")


def test_the_national_office_compares_the_provinces_and_drills_down(live_server, browser: Browser, national):
    page, failures = open_page(browser, accept_downloads=True)
    page.goto(live_server.url + "/login/")
    page.fill("#id_username", "trunguong")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("form button[type=submit]")
    page.get_by_role("link", name="Kế hoạch", exact=True).click()
    page.get_by_role("link", name=re.compile("giai đoạn 2021–2025 \\(toàn quốc\\)")).click()
    page.fill("#date", "31/12/2024")
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    with page.expect_navigation():
        page.get_by_role("link", name="Các tỉnh, thành phố đặt cạnh nhau").click()
    provinces = page.locator("#provinces tbody tr")
    expect(provinces).to_have_count(34)
    expect(provinces.first).to_contain_text("Thành phố Đồng Nai")  # the only province with an OCOP product
    expect(page.locator("svg circle")).to_have_count(34)  # the provinces on the map
    with page.expect_navigation():
        page.locator("#provinces thead").get_by_role("link", name=re.compile("^Tỉnh, thành phố")).click()
    expect(provinces.first).to_contain_text("Tỉnh An Giang")  # sorted by name
    shot(page, "national-dashboard.png")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"toàn quốc \(Word\)")).click()
    assert download.value.path().read_bytes()[:2] == b"PK"
    with page.expect_navigation():
        page.locator("#provinces").get_by_role("link", name="Thành phố Đồng Nai").click()
    expect(page.locator("nav.crumbs")).to_contain_text("Thành phố Đồng Nai")
    expect(page.locator("table.by-unit")).to_be_visible()  # its communes
    shot(page, "national-drill-down.png")
    page.close()
    assert failures == []
