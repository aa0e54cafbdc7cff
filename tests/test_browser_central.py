"""End-to-end, in the browser: a province forwards a 91-point dossier to the centre; the national OCOP office
opens a central round and sets up a sub-council for the product's group; its three members score blind; the
ministry grants 5★ (a certificate in its name, downloaded as PDF); the province's things-to-do shows it."""

import datetime as dt

import pytest
from playwright.sync_api import Browser, Page, expect

from browser_kit import ensure_reference_data, shot
from conftest import make_producer, make_product, make_user, unit
from ocop.certificates.pdf import certificate_context
from ocop.core.choices import RoleKind
from ocop.evaluation import council
from ocop.evaluation.models import CouncilSession, Dossier, Membership, Round
from ocop.evaluation.tests.helpers import best, file_and_forward, lower
from ocop.places.models import Unit
from ocop.registry.choices import ProductStatus
from test_browser_journey import fill_sheet, log_in, step, submit

pytestmark = pytest.mark.browser
PRODUCT = "Hạt điều rang muối Tân Lập"


@pytest.fixture
def scored(transactional_db: None) -> Dossier:
    """A dossier of Đồng Nai its provincial council scored 91 points (5★ proposed): the province's part, done
    through the services as the provincial journey test does it in the browser."""
    ensure_reference_data()
    commune = Unit.objects.get(map="legacy", parent__code="695", name="Xã Tân Lập")
    producer = make_producer("HTX Điều Tân Lập", commune, "3801234567")
    product = make_product(producer, PRODUCT, product_set=7, status=ProductStatus.ACTIVE)
    province = unit("2025", "75")
    office = make_user("tinh", RoleKind.PROVINCE_OFFICE, unit=province)
    make_user("trunguong", RoleKind.NATIONAL_OFFICE, unit=Unit.objects.get(map="2025", level="country"))
    round_ = Round.objects.create(
        province=province, year=2026, number=2, commune_deadline=dt.date(2026, 10, 30), closes_on=dt.date(2026, 12, 30)
    )
    session = CouncilSession.objects.create(round=round_, name="Hội đồng OCOP tỉnh", held_on=dt.date(2026, 11, 20))
    members = [make_user(name) for name in ("hd1", "hd2", "hd3")]
    for member in members:
        Membership.objects.create(session=session, user=member)
    coso = make_user("coso", RoleKind.PRODUCER, producer=producer)
    xa = make_user("xa", RoleKind.COMMUNE_OFFICER, unit=commune.successions_out.get().successor)
    dossier = file_and_forward(product, coso, xa, office, session)
    for member, drop in zip(members, (7, 9, 9), strict=True):  # 93, 90 and 90 points
        answers = lower(best(dossier), dossier, drop)
        council.submit_sheet(council.member_sheet(session, dossier, member), answers, [], [])
    council.close_session(session, office)
    dossier = Dossier.objects.get(pk=dossier.pk)
    assert (dossier.council_total, dossier.council_stars) == (91, 5)
    for name in ("tw1", "tw2", "tw3"):
        make_user(name)
    return dossier


def test_the_central_round_in_the_browser(live_server, browser: Browser, scored: Dossier):
    page, failures = central_round(browser, live_server.url, scored)
    with page.expect_download() as download:
        page.locator('a[href$="/pdf/"]').click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert failures == []


def central_round(browser: Browser, base: str, scored: Dossier) -> tuple[Page, list[str]]:
    """The walk up to the province opening its 5★ certificate from its things-to-do (the national journey test
    goes on from there): the province's page on the certificate, and every failed response seen on the way."""
    today = dt.date.today()

    # The province forwards its 91-point dossier to the central council.
    page, failures = log_in(browser, base, "tinh")
    page.goto(base + scored.get_absolute_url())
    step(page, "forward_central")
    expect(page.locator("h1")).to_contain_text("Đề xuất Hội đồng Trung ương")

    # The national office opens the central round; the forwarded dossier joins it.
    page, more = log_in(browser, base, "trunguong")
    failures += more
    page.goto(base + "/staff/sessions/")
    with page.expect_navigation():
        page.get_by_role("link", name="Đợt đánh giá Trung ương mới").click()
    page.fill("#id_year", str(today.year))
    page.fill("#id_number", "1")
    page.fill("#id_commune_deadline", today.strftime("%d/%m/%Y"))
    page.fill("#id_closes_on", (today + dt.timedelta(days=60)).strftime("%d/%m/%Y"))
    submit(page, "form.record button[type=submit]")
    dossier = Dossier.objects.get(pk=scored.pk)
    assert dossier.central_round is not None and dossier.central_round.province.level == "country"

    # It sets up the sub-council of the product's group, seats three members, brings the dossier before it.
    page.goto(base + "/staff/sessions/central/new/")
    page.locator("#id_round").select_option(index=1)
    page.locator("#id_product_group").select_option(dossier.product.product_set.group_code)
    page.fill("#id_name", "Hội đồng OCOP Trung ương — Tiểu ban Thực phẩm")
    page.fill("#id_held_on", today.strftime("%d/%m/%Y"))
    page.fill("#id_quorum", "3")
    submit(page, "form.record button[type=submit]")
    session_url = page.url
    for name in ("tw1", "tw2", "tw3"):
        page.fill("#id_username", name)
        submit(page, 'form[action$="/act/add_member/"] button')
    submit(page, 'form[action$="/act/take_dossiers/"] button')
    expect(page.get_by_text(PRODUCT)).to_be_visible()
    national = page
    dossier.refresh_from_db()
    assert dossier.session is not None and dossier.session.round.level == "central"

    # The members score blind, on the same scoresheet as a provincial council.
    for name in ("tw1", "tw2", "tw3"):
        page, more = log_in(browser, base, name)
        failures += more
        page.goto(base + f"/staff/sessions/{dossier.session_id}/dossiers/{dossier.pk}/score/")
        expect(page.get_by_text("Ẩn cho đến khi bạn nộp phiếu của mình.")).to_be_visible()
        fill_sheet(page, dossier, 4)
        submit(page, "form.sheet-form button[type=submit]")
        expect(page.get_by_text("Ẩn cho đến khi bạn nộp phiếu của mình.")).to_have_count(0)
    shot(page, "central-1-scored.png")

    # The national office closes the session and grants 5★ in the ministry's name.
    page = national
    page.goto(session_url)
    submit(page, 'form[action$="/act/close/"] button')
    page.goto(base + dossier.get_absolute_url())
    form = page.locator('form[action$="/act/central_grant/"]')
    form.locator("#id_certificate_number").fill("0007/2026/GCN-OCOP-TW")
    form.locator("#id_decision_number").fill("318/QĐ-BNNMT")
    form.locator("#id_decision_date").fill(today.strftime("%d/%m/%Y"))
    form.locator("#id_signer").fill("Thứ trưởng Trần Thanh Nam")
    step(page, "central_grant")
    expect(page.locator("h1")).to_contain_text("Đã công nhận")
    shot(page, "central-2-granted.png")
    dossier.refresh_from_db()
    certificate = dossier.certificate
    assert certificate is not None and (certificate.stars, certificate.deciding_level) == (5, "central")
    assert certificate_context(certificate)["authority"].body == "Bộ Nông nghiệp và Môi trường"

    # The province sees the outcome on its things-to-do and opens the certificate, whose PDF it downloads.
    page, more = log_in(browser, base, "tinh")
    failures += more
    outcome = page.locator(".todo a", has_text="Bộ công nhận 5★")
    expect(outcome).to_be_visible()
    shot(page, "central-3-province-todo.png")
    with page.expect_navigation():
        outcome.click()
    return page, failures
