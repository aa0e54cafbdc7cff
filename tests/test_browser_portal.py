"""The public portal in the browser, on a desktop and on a phone, with the demo data: search without accents,
filter, open a product, follow where to buy, verify a label (valid, expired, unknown), read a story. Every page
passes the axe-core accessibility rules and weighs under 150 KB of HTML, CSS and JavaScript (photos aside)."""

import datetime
import gzip
import re
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.db import connection
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from browser_kit import ensure_reference_data, open_page, shot
from ocop.certificates.models import Certificate
from ocop.core.text import fold
from ocop.market.queries import active_listings
from ocop.portal.models import CatalogueEntry

pytestmark = pytest.mark.browser
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
}
PAGE_BUDGET = 150_000
axe = Axe()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[None]:
    """The demo, loaded once for this module's tests and committed (so the server's thread sees it on PostgreSQL
    too); the tests read it and leave it alone. Emptied at the end, as a transactional test leaves the database."""
    # pytest-django creates the test database only when a selected test asks for `db`: the last test does.
    if connection.settings_dict["NAME"] != connection.creation._get_test_db_name():
        pytest.fail(
            "Select test_every_demo_product_is_found_by_its_name_without_accents too (it sets up the database)."
        )
    with django_db_blocker.unblock():
        ensure_reference_data()
        call_command("demo", verbosity=0)
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)
        ensure_reference_data()


@pytest.fixture(scope="module")
def server(demo: None) -> Iterator[str]:
    """A live server of this module's own: pytest-django's `live_server` would flush the demo after each test."""
    live = LiveServer("localhost")
    yield live.url
    live.stop()


@pytest.fixture
def reading(demo: None, django_db_blocker) -> Iterator[None]:
    """Database access for the test itself, outside a transaction: it reads the module's demo."""
    with django_db_blocker.unblock():
        yield


def sold_in_a_shop() -> CatalogueEntry:
    """A demo product with a valid certificate, on sale today at a shop with a place on the map."""
    today = datetime.date.today()
    sold = active_listings(today).filter(confirmed=True, sales_point__latitude__isnull=False).values("product")
    return CatalogueEntry.objects.valid_on(today).filter(product__in=sold).order_by("-stars", "name").first()


def accessible(page: Page) -> None:
    """No serious or critical axe-core violation on the page as it stands."""
    results = axe.run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in serious]


class Weight:
    """Bytes of HTML, CSS and JavaScript a page load fetched (photos aside), as sent and gzip-compressed."""

    def __init__(self, page: Page) -> None:
        self.raw = self.compressed = 0
        page.on("response", self._count)

    def _count(self, response: object) -> None:
        kind = response.request.resource_type
        if kind in ("document", "stylesheet", "script") and response.status == 200:
            body = response.body()
            self.raw += len(body)
            self.compressed += len(gzip.compress(body))

    def reset(self) -> None:
        self.raw = self.compressed = 0


@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_find_buy_and_verify_on_desktop_and_phone(server: str, browser: Browser, reading: None, device: str):
    base = server
    page, failures = open_page(browser, bypass_csp=True, **VIEWPORTS[device])  # bypass: axe is injected
    weight = Weight(page)
    page.goto(base + "/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    accessible(page)
    assert weight.raw < PAGE_BUDGET, weight.raw

    # Search without accents for a product sold in a shop, from the home page's search box.
    target = sold_in_a_shop()
    page.get_by_label(re.compile("Tìm sản phẩm")).fill(fold(target.name))
    page.get_by_role("button", name="Tìm").first.click()
    cards = page.locator("ul.cards li.card")
    expect(cards.first).to_contain_text(target.name)
    shot(page, f"portal-{device}-search.png")
    accessible(page)

    # Filter by its stars: every card left shows them.
    page.get_by_text("Bộ lọc và sắp xếp").click()
    page.get_by_label("Hạng sao").select_option(str(target.stars))
    page.get_by_role("button", name="Áp dụng").click()
    expect(cards.first).to_be_visible()
    assert cards.locator(f".stars.s{target.stars}").count() == cards.count()

    # Open a product and follow where to buy.
    weight.reset()
    cards.filter(has_text=target.name).first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(target.name)
    assert weight.raw < PAGE_BUDGET, weight.raw
    accessible(page)
    where = page.locator("#where-to-buy")
    where.scroll_into_view_if_needed()
    expect(where.locator("li").first).to_be_visible()
    shot(page, f"portal-{device}-product.png")
    product_id = target.product_id
    seller = where.locator("li strong").first.inner_text()
    weight.reset()
    page.get_by_role("link", name="Mở bản đồ").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.wait_for_load_state("networkidle")
    # Leaflet (147 KB) is the one heavy script, on this page only: sent compressed, as whitenoise does.
    assert weight.compressed < PAGE_BUDGET, weight.compressed
    assert f"product={product_id}" in page.url
    expect(page.locator("main")).to_contain_text(seller)
    shot(page, f"portal-{device}-map.png")
    page.go_back()

    # Verify its label: valid.
    page.get_by_role("link", name="Kiểm tra nhãn này").click()
    expect(page.locator(".verdict.ok")).to_be_visible()
    accessible(page)
    shot(page, f"portal-{device}-verify-valid.png")

    # An expired certificate's code, typed by hand, then an unknown one.
    today = datetime.date.today()
    lapsed = next(c for c in Certificate.objects.filter(valid_until__lt=today, revoked_on__isnull=True)
                  if c.status_on(today) == "expired")  # fmt: skip
    page.goto(base + "/verify/")
    page.get_by_label(re.compile("Mã tra cứu")).fill(lapsed.display_code.lower().replace("-", " "))
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.locator(".verdict.bad")).to_be_visible()
    shot(page, f"portal-{device}-verify-expired.png")
    page.get_by_label(re.compile("Mã tra cứu")).fill("ABCD-EFGH-<b>")
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.get_by_role("alert")).to_be_visible()
    accessible(page)

    # Read a story.
    page.goto(base + "/tin-tuc/")
    accessible(page)
    page.locator("main article a, main li a").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    shot(page, f"portal-{device}-story.png")
    accessible(page)
    unexpected = [f for f in failures if not (f.startswith("404 ") and "/verify/" in f)]  # the unknown code
    assert not unexpected, unexpected


def test_browse_and_search_without_javascript(server: str, browser: Browser, reading: None):
    page, failures = open_page(browser, java_script_enabled=False, **VIEWPORTS["phone"])
    page.goto(server + "/san-pham/?q=mat+ong")
    expect(page.locator("ul.cards li.card").first).to_contain_text("Mật ong")
    page.locator("ul.cards li.card a").first.click()
    expect(page.locator("#where-to-buy")).to_be_attached()
    page.get_by_role("link", name="English").click()
    expect(page.locator("#where-to-buy h2")).to_have_text("Where to buy")
    assert not failures, failures


def test_every_demo_product_is_found_by_its_name_without_accents(client, demo: None, db: None):
    entries = list(CatalogueEntry.objects.values_list("product_id", "name"))
    assert len(entries) > 200
    for product_id, name in entries:
        response = client.get("/san-pham/", {"q": fold(name)})
        assert f'href="/san-pham/{product_id}/' in response.content.decode(), name
