"""End-to-end, in the browser, issue 14's whole national walk: the central round of test_browser_central.py (a
province forwards a 91-point dossier, the national office opens the central round, the council scores blind, the
ministry grants 5★, the province's things-to-do shows it), then post-recognition monitoring: someone reports a
misuse of the mark on the product's public page; the national office sees the report, opens an ad-hoc inspection
from it under the ministry's plan, finds the mark misused and sets a remedy deadline; the deadline passes (the
clock moved by time_machine, the daily run reminding), the office proposes revocation on ground (b) and carries
it out on the certificate; the public product page shows the revocation note and the national dashboard's 5★
count falls from 1 to 0 for the country and for Đồng Nai."""

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import time_machine
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from browser_kit import open_page, shot
from ocop.certificates.models import Certificate
from ocop.core import daily
from ocop.core.models import Notification
from ocop.evaluation.models import Dossier
from ocop.monitoring.models import CheckItem, Inspection
from ocop.places.models import Unit
from ocop.portal.models import MisuseReport
from ocop.programme.loader import DATA, load_plan
from test_browser_central import central_round, scored  # noqa: F401  (the fixture, shared)
from test_browser_journey import log_in, submit

pytestmark = pytest.mark.browser
SLUG = "quoc-gia-2026-2030-thu"


@pytest.fixture
def national_plan(scored: Dossier, tmp_path: Path) -> str:  # noqa: F811  (the fixture imported above)
    """The national programme as data, over 2026–2030: the 2021–2025 programme's targets on the next period's
    dates (the 2026–2030 decision is not issued yet; its file will be loaded the same way), so that the
    dashboard's day can be today's."""
    spec = json.loads((DATA / "quoc-gia-2021-2025.json").read_text(encoding="utf-8"))
    spec.update(slug=SLUG, name="Chương trình OCOP giai đoạn 2026–2030 (toàn quốc, thử)")
    spec.update(starts_on="2026-01-01", ends_on="2030-12-31")
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    load_plan(path)
    return SLUG


def five_stars(page: Page, base: str) -> tuple[str, str]:
    """The national dashboard's 5★ count: the country's, and Đồng Nai's in the provinces side by side (its last
    figure column, before the province's own plans)."""
    page.goto(base + f"/staff/plans/{SLUG}/provinces/?sort=five_star_products&order=desc")
    country = page.locator("#country tbody tr", has_text="Sản phẩm OCOP 5 sao").locator("td").nth(2)
    dong_nai = page.locator("#provinces tbody tr", has_text="Thành phố Đồng Nai")
    return country.inner_text().strip(), dong_nai.locator("td").nth(-2).inner_text().strip()


def test_the_national_journey_in_the_browser(live_server, browser: Browser, scored: Dossier, national_plan: str):  # noqa: F811
    base, today = live_server.url, dt.date.today()
    page, failures = central_round(browser, base, scored)
    certificate = Certificate.objects.get(product=scored.product, stars=5)
    product = scored.product

    # The national dashboard counts the new 5★ product, for the country and for Đồng Nai.
    office, more = log_in(browser, base, "trunguong")
    failures += more
    assert five_stars(office, base) == ("1", "1")
    expect(office.locator("#provinces tbody tr").first).to_contain_text("Thành phố Đồng Nai")  # ranked first

    # Someone reports on the product's public page that the 5★ mark is used on another product.
    public, more = open_page(browser)
    failures += more
    public.goto(base + f"/san-pham/{product.pk}/")
    public.locator("details.report summary").click()
    form = public.locator("details.report form")
    form.locator("#id_seen_at").fill("Cửa hàng đặc sản số 12 đường Hùng Vương, Biên Hòa")
    form.locator("#id_description").fill("Nhãn 5 sao OCOP dán trên hạt điều rang bơ, sản phẩm chưa được công nhận.")
    with public.expect_navigation():
        form.locator("button[type=submit]").click()
    report = MisuseReport.objects.get()
    assert report.product_id == product.pk

    # The national office draws up the ministry's inspection plan for the year.
    office.goto(base + "/staff/monitoring/plans/add/")
    office.locator("#id_unit").select_option(str(Unit.objects.get(map="2025", level="country").pk))
    office.locator("#id_level").select_option("central")
    office.fill("#id_year", str(today.year))
    office.fill("#id_authority", "Văn phòng Điều phối Nông thôn mới Trung ương")
    submit(office, "form.record button[type=submit]")

    # It opens the report from its list and, from the report's page, an ad-hoc inspection of the product.
    office.goto(base + "/staff/misuse/")
    with office.expect_navigation():
        office.locator(f'a[href$="/staff/misuse/{report.pk}/"]').first.click()
    expect(office.locator("#inspections")).to_contain_text("Chưa có")
    with office.expect_navigation():
        office.locator("#inspections").get_by_role("link", name="Mở cuộc kiểm tra").click()
    office.locator("#id_plan").select_option(index=1)
    office.fill("#id_origin_note", "Báo cáo vi phạm từ cổng thông tin")
    office.fill("#id_scheduled_on", today.strftime("%d/%m/%Y"))
    office.fill("#id_place", "Cửa hàng đặc sản số 12 đường Hùng Vương, Biên Hòa")
    office.fill("#id_team", "Đoàn kiểm tra của Bộ")
    submit(office, "form.record button[type=submit]")
    inspection = Inspection.objects.get()
    assert (inspection.kind, inspection.certificate_id, inspection.origin_id) == ("ad_hoc", certificate.pk, report.pk)
    assert office.url.endswith(inspection.get_absolute_url())

    # It finds the mark misused and requires a remedy within ten days.
    item = CheckItem.objects.get(inspection=inspection, code="M1")
    row = office.locator(f"#item-{item.pk}")
    row.locator("select[name=result]").select_option("not_met")
    row.locator("textarea[name=finding]").fill("Dấu OCOP 5 sao dán trên sản phẩm hạt điều rang bơ chưa được công nhận.")
    submit(office, f'#item-{item.pk} form[action$="/items/{item.pk}/"] button')
    due = today + dt.timedelta(days=10)
    decide = office.locator('form[action$="/decide/"]')
    decide.locator("#id_outcome").select_option("remedy")
    decide.locator("#id_decided_on").fill(today.strftime("%d/%m/%Y"))
    decide.locator("#id_conclusion").fill("Cơ sở gỡ nhãn 5 sao khỏi sản phẩm chưa được công nhận.")
    decide.locator("#id_remedy_due").fill(due.strftime("%d/%m/%Y"))
    submit(office, 'form[action$="/decide/"] button[type=submit]')
    inspection.refresh_from_db()
    assert (inspection.outcome, inspection.remedy_due) == ("remedy", due)
    shot(office, "national-journey-1-remedy.png")

    # The deadline passes with no remedy: the daily run reminds the office once; its things-to-do says overdue.
    late = due + dt.timedelta(days=1)
    with time_machine.travel(dt.datetime.combine(late, dt.time(7)), tick=False):
        daily.run_jobs(late)
        daily.run_jobs(late)
    reminded = Notification.objects.filter(user__username="trunguong", key__startswith=f"inspection-{inspection.pk}-")
    assert reminded.count() == 1
    with time_machine.travel(dt.datetime.combine(late, dt.time(9))):
        office.goto(base + reverse("core:home"))
        expect(office.locator('.todo li.urgent a[href*="state=overdue"]')).to_be_visible()

        # It proposes revocation on ground (b), then carries it out on the ministry's certificate.
        office.goto(base + inspection.get_absolute_url())
        decide = office.locator('form[action$="/decide/"]')
        decide.locator("#id_outcome").select_option("revoke")
        decide.locator("#id_decided_on").fill(late.strftime("%d/%m/%Y"))
        decide.locator("#id_conclusion").fill("Quá hạn khắc phục; đề nghị thu hồi giấy chứng nhận.")
        decide.locator("#id_ground").select_option("b")
        submit(office, 'form[action$="/decide/"] button[type=submit]')
        revoke = office.locator('form[action$="/revoke/"]')
        revoke.locator("#id_revoked_on").fill(late.strftime("%d/%m/%Y"))
        revoke.locator("#id_revocation_authority").fill("Bộ Nông nghiệp và Môi trường")
        revoke.locator("#id_revocation_decision").fill("1205/QĐ-BNNMT")
        submit(office, 'form[action$="/revoke/"] button[type=submit]')
        certificate.refresh_from_db()
        assert (certificate.revoked_on, certificate.revocation_ground) == (late, "b")
        shot(office, "national-journey-2-revoked.png")

        # The public product page says so; the national dashboard no longer counts the product.
        # (A new visitor: browsers may keep a portal page five minutes, as its Cache-Control allows.)
        public, more = open_page(browser)
        failures += more
        public.goto(base + f"/san-pham/{product.pk}/")
        expect(public.locator("article")).to_contain_text("Giấy chứng nhận không còn hiệu lực")
        expect(public.get_by_text(re.compile("giấy chứng nhận bị thu hồi"))).to_be_visible()
        expect(public.get_by_text(re.compile("1205/QĐ-BNNMT"))).to_be_visible()
        shot(public, "national-journey-3-public-note.png")
        assert five_stars(office, base) == ("0", "0")
        shot(office, "national-journey-4-dashboard.png")
    assert page.url.endswith(certificate.get_absolute_url())  # the province's page on its certificate
    assert failures == []
