"""End-to-end: a province officer logs in, finds a product without typing diacritics, and edits it.

Drives Debian's Chromium (/usr/bin/chromium) through Playwright; Playwright never downloads a browser.
"""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from browser_kit import ensure_reference_data, open_page, shot
from conftest import PASSWORD, make_producer, make_product, make_user, unit
from ocop.core.choices import RoleKind
from ocop.core.models import ChangeLog
from ocop.places.models import Unit
from ocop.registry.choices import LegalForm, ProductStatus
from ocop.registry.models import Product

pytestmark = pytest.mark.browser
PRODUCT = "Hạt điều rang muối Tân Lập"
OTHER = "Tiêu đen Minh Hưng"


@pytest.fixture
def product(transactional_db: None) -> Product:
    """Reference data (flushed by earlier transactional tests) plus two producers, each with a product."""
    ensure_reference_data()
    make_user("tinh", RoleKind.PROVINCE_OFFICE, unit=unit("2025", "75"))
    tan_lap = Unit.objects.get(map="legacy", parent__code="695", name="Xã Tân Lập")
    minh_hung = Unit.objects.get(map="legacy", parent__code="696", name="Xã Minh Hưng")
    producer = make_producer("HTX Điều Tân Lập", tan_lap, "3801234567")
    other = make_producer("Công ty TNHH Tiêu Minh Hưng", minh_hung, "3807654321", legal_form=LegalForm.COMPANY_LLC)
    make_product(other, OTHER, product_set=10, status=ProductStatus.ACTIVE)
    return make_product(producer, PRODUCT, product_set=7, status=ProductStatus.ACTIVE)


def log_in_and_search(page: Page, base_url: str, query: str, prefix: str = "") -> None:
    page.goto(base_url + "/login/")
    page.fill("#id_username", "tinh")
    page.fill("#id_password", PASSWORD)
    shot(page, f"{prefix}login.png")
    page.click("form button[type=submit]")
    page.wait_for_load_state()
    expect(page).not_to_have_url(re.compile(r"/login/"))
    page.goto(base_url + "/staff/products/")
    page.fill("#id_q", query)
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    shot(page, f"{prefix}products-search.png")


def test_it_logs_in_searches_without_diacritics_opens_and_edits_a_product(
    live_server, browser: Browser, product: Product
):
    page, failures = open_page(browser)
    log_in_and_search(page, live_server.url, "hat dieu")
    results = page.locator("table").first
    expect(results).to_contain_text(PRODUCT)
    expect(results).not_to_contain_text(OTHER)

    page.get_by_role("link", name=PRODUCT).click()
    expect(page).to_have_url(re.compile(rf"/staff/products/{product.pk}/$"))
    expect(page.locator("h1")).to_contain_text(PRODUCT)
    shot(page, "product-detail.png")

    page.locator(".actions a[href$='/edit/']").click()
    expect(page).to_have_url(re.compile(rf"/staff/products/{product.pk}/edit/$"))
    page.fill("#id_price", "350000")
    page.fill("#id_price_unit", "hộp 500 g")
    shot(page, "product-edit.png")
    page.click("form.record button[type=submit]")

    expect(page).to_have_url(re.compile(rf"/staff/products/{product.pk}/$"))
    expect(page.locator("dl.facts")).to_contain_text(re.compile(r"350[.,\s]000 / hộp 500 g"))
    history = page.locator("section[aria-labelledby=history-title]")
    expect(history.locator("#history-title")).to_be_visible()
    expect(history.locator("tbody tr").first).to_contain_text("tinh")
    shot(page, "product-saved.png")
    page.close()
    assert failures == []

    product.refresh_from_db()
    assert product.price == 350000
    assert product.price_unit == "hộp 500 g"
    assert ChangeLog.objects.filter(
        content_type__model="product", object_id=str(product.pk), action="update", user_label="tinh"
    ).exists()


def test_it_works_at_phone_size(live_server, browser: Browser, product: Product):
    page, failures = open_page(browser, viewport={"width": 390, "height": 844}, is_mobile=True)
    log_in_and_search(page, live_server.url, "HAT DIEU", prefix="phone-")
    expect(page.get_by_role("link", name=PRODUCT)).to_be_visible()
    expect(page.get_by_role("link", name=OTHER)).to_have_count(0)
    page.get_by_role("link", name=PRODUCT).click()
    expect(page.locator("h1")).to_contain_text(PRODUCT)
    expect(page.locator(".actions a[href$='/edit/']")).to_be_visible()
    shot(page, "phone-product-detail.png")
    no_sideways_scroll = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.close()
    assert failures == []
    assert no_sideways_scroll
