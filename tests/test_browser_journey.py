"""End-to-end, in the browser, as the people do it: a producer files a dossier, the commune forwards it, the
province's council (three members, one recused) scores blind, the province records the decision, the
certificate PDF is issued and the public page says the label is valid; with the clock past expiry it says
expired, and the reminders went out once each."""

import datetime as dt
import re

import pytest
import time_machine
from django.core.management import call_command
from playwright.sync_api import Browser, Page, expect

from browser_kit import ensure_reference_data, open_page, shot
from conftest import PASSWORD, make_producer, make_product, make_user, unit
from ocop.certificates.models import Reminder
from ocop.core.choices import RoleKind
from ocop.core.models import Notification
from ocop.evaluation.models import Dossier, Round
from ocop.places.models import Unit
from ocop.registry.choices import ProductStatus

pytestmark = pytest.mark.browser
PRODUCT = "Hạt điều rang muối Tân Lập"


@pytest.fixture
def people(transactional_db: None) -> dict:
    ensure_reference_data()
    commune = Unit.objects.get(map="legacy", parent__code="695", name="Xã Tân Lập")
    producer = make_producer("HTX Điều Tân Lập", commune, "3801234567")
    product = make_product(producer, PRODUCT, product_set=7, status=ProductStatus.ACTIVE)
    new_commune = commune.successions_out.get().successor
    users = {
        "coso": make_user("coso", RoleKind.PRODUCER, producer=producer),
        "xa": make_user("xa", RoleKind.COMMUNE_OFFICER, unit=new_commune),
        "tinh": make_user("tinh", RoleKind.PROVINCE_OFFICE, unit=unit("2025", "75")),
        **{name: make_user(name) for name in ("hd1", "hd2", "hd3", "hd4")},
    }
    for user in users.values():
        user.email = f"{user.username}@example.vn"
        user.save()
    Round.objects.create(
        province=unit("2025", "75"), year=2026, number=2,
        commune_deadline=dt.date(2026, 10, 30), closes_on=dt.date(2026, 12, 30),
    )  # fmt: skip
    return {"product": product, **users}


def log_in(browser: Browser, base: str, username: str) -> tuple[Page, list[str]]:
    page, failures = open_page(browser)
    page.goto(base + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("form button[type=submit]")
    expect(page).not_to_have_url(re.compile(r"/login/"))
    return page, failures


def fill_sheet(page: Page, dossier: Dossier, lose: int = 0) -> None:
    """Click one option per criterion: the best, or lower ones where no star requirement hangs."""
    sheet = dossier.criteria_version.scoresheet(dossier.product.product_set_id)
    lost = 0
    for criterion in sheet.criteria:
        options = sorted(criterion.options_of(None), key=lambda o: o.points)
        choice = options[-1]
        if lost < lose and not any(o.min_star for o in options) and options[0].points < choice.points:
            lost += choice.points - options[0].points
            choice = options[0]
        page.check(f'input[name="c-{criterion.code}"][value="{choice.position}"]')


def step(page: Page, action: str) -> None:
    submit(page, f'form[action$="/act/{action}/"] button[type=submit]')


def submit(page: Page, selector: str) -> None:
    """Click a form's button and wait until the server has answered (the next page has loaded)."""
    with page.expect_navigation():
        page.locator(selector).click()


def test_the_whole_journey_in_the_browser(live_server, browser: Browser, people: dict):
    base, product = live_server.url, people["product"]

    # The producer opens a dossier, assesses the product, submits it to the commune.
    page, failures = log_in(browser, base, "coso")
    page.goto(base + f"/staff/dossiers/new/?product={product.pk}")
    submit(page, "form.record button[type=submit]")
    shot(page, "journey-0-opened.png")
    dossier = Dossier.objects.get()
    page.goto(base + f"/staff/dossiers/{dossier.pk}/self-assessment/")
    fill_sheet(page, dossier)
    submit(page, "form.sheet-form button[type=submit]")
    shot(page, "journey-1-dossier.png")
    step(page, "submit")
    expect(page.locator("h1")).to_contain_text("Đã nộp UBND xã")

    # The commune officer checks form 03 and forwards it.
    page, more = log_in(browser, base, "xa")
    failures += more
    page.goto(base + dossier.get_absolute_url())
    form = page.locator('form[action$="/act/commune_forward/"]')
    for name in ("material_origin", "local_labour", "idea_origin", "local_identity"):
        form.locator(f'input[name="check_{name}"][value="yes"]').check()
    form.locator("textarea").fill("Nguyên liệu điều tại xã; lao động địa phương.")
    step(page, "commune_forward")

    # The province receives it, sets up the council session and puts the dossier before it.
    page, more = log_in(browser, base, "tinh")
    failures += more
    page.goto(base + dossier.get_absolute_url())
    page.locator('form[action$="/act/receive/"] select').select_option(index=1)
    step(page, "receive")
    page.goto(base + "/staff/sessions/new/")
    page.locator("#id_round").select_option(index=1)
    page.fill("#id_name", "Hội đồng OCOP tỉnh Đồng Nai — đợt 2/2026")
    page.fill("#id_held_on", "25/11/2026")
    page.fill("#id_quorum", "3")
    submit(page, "form.record button[type=submit]")
    session_url = page.url
    for name, role in (("hd1", "chair"), ("hd2", "member"), ("hd3", "member"), ("hd4", "member")):
        page.fill("#id_username", name)
        page.locator("#id_role").select_option(role)
        submit(page, 'form[action$="/act/add_member/"] button')
    page.goto(base + dossier.get_absolute_url())
    page.locator('form[action$="/act/schedule/"] select').select_option(index=1)
    step(page, "schedule")
    office = page
    dossier.refresh_from_db()
    assert dossier.state == "in_session"

    # One member declares a conflict of interest; three score blind.
    page, more = log_in(browser, base, "hd4")
    failures += more
    page.goto(session_url)
    page.locator("details summary").click()
    page.locator('form[action$="/act/recuse/"] textarea').fill("Em ruột của giám đốc HTX.")
    submit(page, 'form[action$="/act/recuse/"] button')
    for name, lose in (("hd1", 4), ("hd2", 16), ("hd3", 24)):
        page, more = log_in(browser, base, name)
        failures += more
        page.goto(base + f"/staff/sessions/{dossier.session_id}/dossiers/{dossier.pk}/score/")
        expect(page.get_by_text("Ẩn cho đến khi bạn nộp phiếu của mình.")).to_be_visible()
        fill_sheet(page, dossier, lose)
        submit(page, "form.sheet-form button[type=submit]")
        expect(page.get_by_text("Ẩn cho đến khi bạn nộp phiếu của mình.")).to_have_count(0)
        shot(page, f"journey-2-{name}.png")

    # The province closes the session and records the chair's recognition decision.
    page = office
    page.goto(session_url)
    submit(page, 'form[action$="/act/close/"] button')
    shot(page, "journey-2-closed.png")
    dossier.refresh_from_db()
    assert (dossier.state, dossier.council_stars) == ("scored", 4), dossier.result.get("unmet_markers")
    page.goto(base + dossier.get_absolute_url())
    form = page.locator('form[action$="/act/recognise/"]')
    form.locator("#id_certificate_number").fill("12/2026/GCN-OCOP")
    form.locator("#id_decision_number").fill("2050/QĐ-UBND")
    form.locator("#id_decision_date").fill(dt.date.today().strftime("%d/%m/%Y"))
    form.locator("#id_signer").fill("Chủ tịch UBND tỉnh Đồng Nai")
    step(page, "recognise")
    shot(page, "journey-3-recognised.png")
    expect(page.locator("h1")).to_contain_text("Đã công nhận")
    dossier.refresh_from_db()
    certificate = dossier.certificate
    assert certificate is not None and certificate.stars == 4

    # The certificate PDF is issued.
    page.goto(base + certificate.get_absolute_url())
    with page.expect_download() as download:
        page.locator('a[href$="/pdf/"]').click()
    assert download.value.suggested_filename.endswith(".pdf")

    # Anyone verifies the label.
    public, more = open_page(browser)
    failures += more
    public.goto(base + f"/verify/?code={certificate.display_code}")
    expect(public.locator(".verdict")).to_contain_text("Còn hiệu lực")
    shot(public, "journey-4-verify-valid.png")

    # The clock moves: the window opens, closes, the certificate expires; reminders go once each.
    opens, closes = certificate.window()
    for day in (opens, closes, certificate.valid_until + dt.timedelta(days=1)):
        with time_machine.travel(dt.datetime.combine(day, dt.time(7)), tick=False):
            call_command("certificates", "remind")
            call_command("certificates", "remind")
    assert sorted(Reminder.objects.values_list("stage", flat=True)) == ["expired", "window_closing", "window_open"]
    assert Notification.objects.filter(user=people["coso"]).count() == 3
    with time_machine.travel(dt.datetime.combine(certificate.valid_until + dt.timedelta(days=2), dt.time(9))):
        public.goto(base + f"/verify/{certificate.verification_code}/")
        expect(public.locator(".verdict")).to_contain_text("Hết hiệu lực")
        shot(public, "journey-5-verify-expired.png")
    assert failures == []
