"""End-to-end: the province office opens the plan's dashboard, drills down to a district, checks the records
behind an indicator, and downloads the review report. Drives Debian's Chromium through Playwright."""

import re

import pytest
from playwright.sync_api import Browser, expect

from browser_kit import ensure_reference_data, open_page, shot
from conftest import PASSWORD, make_certificate, make_producer, make_product, make_user, unit
from ocop.core.choices import RoleKind
from ocop.places.models import Unit
from ocop.programme.loader import load_plan, shipped_plans

pytestmark = pytest.mark.browser


@pytest.fixture
def plan(transactional_db: None) -> None:
    ensure_reference_data()
    make_user("tinh", RoleKind.PROVINCE_OFFICE, unit=unit("2025", "75"))
    tan_lap = Unit.objects.get(map="legacy", parent__code="695", name="Xã Tân Lập")
    producer = make_producer("HTX Điều Tân Lập", tan_lap, "3801234567")
    make_certificate(make_product(producer, "Hạt điều rang muối Tân Lập"), "GCN-1", "2023-03-01")
    load_plan(shipped_plans()[0])


def test_the_office_reads_the_dashboard_drills_down_and_checks_an_indicator(live_server, browser: Browser, plan):
    page, failures = open_page(browser, accept_downloads=True)
    page.goto(live_server.url + "/login/")
    page.fill("#id_username", "tinh")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("form button[type=submit]")
    page.get_by_role("link", name="Kế hoạch", exact=True).click()
    page.get_by_role("link", name=re.compile("Bình Phước giai đoạn 2022–2025")).click()
    page.fill("#date", "31/12/2024")
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    table = page.locator("table.indicators")
    expect(table).to_contain_text("Sản phẩm OCOP mới")
    expect(table.locator("tr.status-off_track").first).to_be_visible()  # 1 new product against 150
    shot(page, "plan-dashboard.png")
    with page.expect_navigation():
        page.locator("table.by-unit").get_by_role("link", name="Huyện Đồng Phú").click()
    expect(page.locator("nav.crumbs")).to_contain_text("Huyện Đồng Phú")
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("Lũy kế sản phẩm OCOP")).click()
    expect(page.locator("main")).to_contain_text("Hạt điều rang muối Tân Lập")
    shot(page, "plan-indicator.png")
    page.go_back()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"\(Word\)")).click()
    assert download.value.path().read_bytes()[:2] == b"PK"
    page.close()
    assert failures == []
