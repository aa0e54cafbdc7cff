"""End-to-end, per persona: each person signs in and lands on "Việc cần làm", whose counts open the filtered
lists; pages are Vietnamese whatever the browser's language and English only for who chooses it (kept on the
account); units are chosen by name, old or new, with and without JavaScript. Debian's Chromium via Playwright."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from browser_kit import ensure_reference_data, open_page, shot
from conftest import PASSWORD
from home_kit import Work, build

pytestmark = pytest.mark.browser
axe = Axe()


@pytest.fixture
def work(transactional_db: None) -> Work:
    ensure_reference_data()
    return build(timezone.localdate())


def sign_in(page: Page, base: str, username: str, password: str = PASSWORD) -> None:
    page.goto(base + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("form button[type=submit]")


def open_count(page: Page, text: str) -> int:
    """Click the item of that text on the things-to-do page; its count."""
    link = page.locator(".todo a", has_text=text)
    count = int(link.locator(".count").inner_text())
    with page.expect_navigation():
        link.click()
    return count


# persona → (the item to open, what the list must show, what it must not)
JOURNEYS = {
    "tinh": ("Xã đã chuyển lên tỉnh", "Điều sấy", "Hạt điều rang muối"),
    "xa_a": ("Đã nộp UBND xã", "Hạt điều rang muối", "Tiêu đen Minh Hưng"),
    "coso_a": ("Sự kiện đang mở đăng ký", "Hội chợ OCOP tỉnh", "Phiên chợ cuối tuần"),
    "xem": ("Giấy chứng nhận đang trong thời hạn nộp hồ sơ đánh giá lại", "W/1", "L/1"),
    "thanhvien": ("Phiên họp Hội đồng đang mở mà bạn là thành viên", "Hội đồng OCOP tỉnh", "Chưa có phiên họp"),
    "quantri": ("Phản ánh cần xử lý", "Chợ Bù Đăng", "Không có phản ánh"),
}


@pytest.mark.parametrize("username", list(JOURNEYS))
def test_each_person_lands_on_things_to_do_and_a_count_opens_its_list(live_server, browser: Browser, work, username):
    item, shown, hidden = JOURNEYS[username]
    page, failures = open_page(browser, bypass_csp=True)  # bypass: axe is injected into the page
    sign_in(page, live_server.url, username, "test-pass-123")
    expect(page).to_have_url(re.compile(r"/staff/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Việc cần làm")
    serious = [v for v in axe.run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in serious]
    shot(page, f"home-{username}.png")
    count = open_count(page, item)
    main = page.locator("main")
    expect(main).to_contain_text(shown)
    expect(main).not_to_contain_text(hidden)
    assert count >= 1
    page.close()
    assert failures == []


def test_a_producer_reads_what_its_dossiers_lack_and_its_certificates_dates(live_server, browser: Browser, work):
    page, failures = open_page(browser)
    sign_in(page, live_server.url, "coso_a")
    todo = page.locator(".todo")
    expect(todo).to_contain_text("Bánh điều: Nháp")
    expect(todo).to_contain_text("chưa đính kèm minh chứng")
    expect(todo).to_contain_text("Lý do: Thiếu ảnh bao bì")
    expect(todo).to_contain_text("nộp hồ sơ đánh giá lại từ")
    expect(todo).not_to_contain_text("Tiêu đen")
    with page.expect_navigation():
        todo.get_by_role("link", name=re.compile("Mật ong: Xã trả lại")).click()
    expect(page.locator("h1")).to_contain_text("Mật ong")
    page.close()
    assert failures == []


def test_vietnamese_whatever_the_browser_and_english_kept_for_who_chooses_it(live_server, browser: Browser, work):
    english = browser.new_context(locale="en-US", extra_http_headers={"Accept-Language": "en-US,en;q=0.9"})
    page = english.new_page()
    sign_in(page, live_server.url, "tinh")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", level=1)).to_have_text("Việc cần làm")
    with page.expect_navigation():
        page.select_option("#lang", "en")  # the header's switch submits itself
    expect(page.get_by_role("heading", level=1)).to_have_text("Things to do")
    with page.expect_navigation():
        page.get_by_role("button", name="Log out").click()
    english.close()
    elsewhere = browser.new_context(locale="vi-VN")  # another computer, a Vietnamese browser
    page = elsewhere.new_page()
    page.goto(live_server.url + "/login/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")  # nobody signed in yet: Vietnamese
    sign_in(page, live_server.url, "tinh")
    expect(page.get_by_role("heading", level=1)).to_have_text("Things to do")
    shot(page, "home-english.png")
    elsewhere.close()


def test_a_unit_is_chosen_by_its_old_name_from_the_list_that_appears(live_server, browser: Browser, work):
    page, failures = open_page(browser)
    sign_in(page, live_server.url, "tinh")
    page.goto(live_server.url + "/staff/producers/")
    box = page.get_by_role("combobox", name="Đơn vị hành chính")
    box.fill("tan lap")
    options = page.get_by_role("listbox").get_by_role("option")
    new_commune = options.filter(has_text=re.compile(r"^Xã Đồng Phú, .*trước đây: .*Xã Tân Lập"))
    expect(new_commune).to_have_count(1)
    expect(options.filter(has_text="Xã Tân Lập, Huyện Đồng Phú")).to_have_count(1)
    shot(page, "picker-options.png")
    box.press("ArrowDown")
    while not page.locator("[role=option][aria-selected=true]").inner_text().startswith("Xã Đồng Phú"):
        box.press("ArrowDown")  # the keyboard walks the options
    box.press("Enter")
    expect(box).to_have_value(re.compile(r"^Xã Đồng Phú, .*\(trước đây: "))
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    expect(page.locator("main table").first).to_contain_text("HTX Điều Tân Lập")
    expect(page.locator("main table").first).not_to_contain_text("Tiêu Minh Hưng")
    page.close()
    assert failures == []


def test_the_plan_dashboard_takes_a_unit_by_name(live_server, browser: Browser, work):
    from ocop.programme.loader import load_plan, shipped_plans

    plan = load_plan(shipped_plans()[0])
    page, failures = open_page(browser)
    sign_in(page, live_server.url, "tinh")
    page.goto(f"{live_server.url}/staff/plans/{plan.slug}/")
    box = page.get_by_role("combobox", name="Đơn vị")
    expect(box).to_have_value(re.compile(r"^Tỉnh Bình Phước"))  # a name, never the code "70"
    box.fill("dong phu")
    page.get_by_role("option", name=re.compile(r"^Huyện Đồng Phú")).click()
    with page.expect_navigation():
        page.get_by_role("button", name="Xem").click()
    expect(page.locator("nav.crumbs")).to_contain_text("Huyện Đồng Phú")
    shot(page, "plan-picker.png")
    page.close()
    assert failures == []


def test_without_javascript_the_box_is_a_search_that_asks_which_one(live_server, browser: Browser, work):
    page, failures = open_page(browser, java_script_enabled=False)
    failures.clear()
    sign_in(page, live_server.url, "tinh")
    page.goto(live_server.url + "/staff/producers/")
    page.fill("input[name=unit]", "tan lap")
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    expect(page.locator(".errorlist")).to_contain_text("Nhiều đơn vị khớp với “tan lap”")
    page.get_by_role("radio", name=re.compile(r"^Xã Đồng Phú, ")).check()
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    expect(page.locator("input[name=unit]")).to_have_value(re.compile(r"^Xã Đồng Phú, "))
    expect(page.locator("main table").first).to_contain_text("HTX Điều Tân Lập")
    page.close()
    assert [f for f in failures if not f.startswith("400 ")] == []  # the "which one?" page answers 400
