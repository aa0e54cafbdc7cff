"""Plans on pages, over the API and in reports, by persona; creating a plan; the review report in LibreOffice."""

import datetime
import io
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from conftest import make_certificate, make_producer, make_product, make_user, unit
from ocop.core.choices import RoleKind
from ocop.market.models import SalesPoint
from ocop.places.models import Unit
from ocop.programme.loader import load_plan, shipped_plans
from ocop.programme.models import Plan, Target, Task
from ocop.registry.choices import Gender
from ocop.registry.models import Producer

pytestmark = pytest.mark.django_db
SLUG = "binh-phuoc-2022-2025"


@pytest.fixture
def plan(product_a, draft_b) -> Plan:
    make_certificate(product_a, "GCN-1", "2023-03-01")
    make_certificate(draft_b, "GCN-2", "2024-03-01")
    return load_plan(shipped_plans()[0])


def test_the_shipped_plan_loads_idempotently(plan):
    assert (plan.targets.count(), plan.solutions.count()) == (15, 7)
    call_command("plans", "load")
    assert Plan.objects.filter(slug=SLUG).count() == 1 and Target.objects.filter(plan__slug=SLUG).count() == 15


def test_the_dashboard_for_the_province_office(as_user, province_officer, plan):
    page = as_user(province_officer).get(f"/staff/plans/{SLUG}/?date=31/12/2024")
    assert page.status_code == 200
    text = page.content.decode()
    assert "31/12/2024" in text and "Huyện Đồng Phú" in text  # the per-district table
    results = {r.code: r for r in page.context["results"]}
    assert results["cumulative_products"].value == 2 and results["new_products"].status == "off_track"
    assert results["women_led_share"].value == 100.0  # both producers are led by women


def test_scope_of_plans_on_pages_and_api(as_user, officer_a, outsider_officer, producer_user, viewer, plan):
    assert as_user(outsider_officer).get(f"/staff/plans/{SLUG}/").status_code == 404
    assert as_user(outsider_officer).get("/api/v1/plans/").json() == []
    assert as_user(producer_user).get(f"/api/v1/plans/{SLUG}/indicators").status_code == 404
    assert as_user(viewer).get(f"/api/v1/plans/{SLUG}/indicators").status_code == 200
    client = as_user(officer_a)
    body = client.get(f"/api/v1/plans/{SLUG}/indicators?date=2024-12-31").json()
    assert body["unit"]["level"] == "commune"  # a commune officer gets the commune's numbers by default
    assert client.get(f"/api/v1/plans/{SLUG}/indicators?unit=70").status_code == 404
    assert client.get(f"/staff/plans/{SLUG}/?unit=70").status_code == 404


def test_the_api_answers_with_codes_in_order_and_clear_errors(as_user, province_officer, plan):
    client = as_user(province_officer)
    body = client.get(f"/api/v1/plans/{SLUG}/indicators?unit=70&date=2024-12-31").json()
    assert [i["code"] for i in body["indicators"]][:3] == ["new_products", "cumulative_products",
                                                          "potential_5_star_share"]  # fmt: skip
    first = body["indicators"][0]
    assert set(first) >= {"code", "name", "numerator", "denominator", "value", "target", "status", "as_of"}
    showrooms = next(i for i in body["indicators"] if i["code"] == "district_showroom_coverage")
    assert (showrooms["value"], showrooms["numerator"], showrooms["status"]) == (0.0, 0.0, "off_track")
    supermarkets = next(i for i in body["indicators"] if i["code"] == "supermarket_coverage")
    assert (supermarkets["value"], supermarkets["status"]) == (None, "no_data")  # nothing to count, not 0%
    for query, field in [("date=2021-01-01", "date"), ("date=2999-01-01", "date"), ("date=hôm-qua", "date"),
                         ("unit=2025:75", "unit"), ("unit=79", "unit"), ("unit=99999", "unit")]:  # fmt: skip
        response = client.get(f"/api/v1/plans/{SLUG}/indicators?{query}")
        assert response.status_code == 400 and field in response.json()["errors"], query
    assert client.get(f"/staff/plans/{SLUG}/?date=01/01/2999").status_code == 400


def test_it_shows_zero_not_no_data_for_a_count_with_nothing_to_count(as_user, province_officer, plan):
    """No community-tourism product anywhere: the count is 0 on the dashboard, its per-unit table, the indicator page,
    the API and the review report; "no data" stays for shares with nothing to divide by."""
    client = as_user(province_officer)
    page = client.get(f"/staff/plans/{SLUG}/?date=31/12/2024")
    tourism = next(r for r in page.context["results"] if r.code == "tourism_products")
    assert (tourism.value, tourism.status) == (0, "off_track")  # the plan's target is ≥ 6
    column = [r.code for r in page.context["results"]].index("tourism_products")
    assert {values[column] for _child, values in page.context["table"]} == {0}
    indicator = client.get(f"/staff/plans/{SLUG}/indicators/tourism_products/?unit=688&date=31/12/2024")
    assert "No data" not in indicator.content.decode() and "Chưa có số liệu" not in indicator.content.decode()
    body = client.get(f"/api/v1/plans/{SLUG}/indicators?unit=688&date=2024-12-31").json()
    entry = next(i for i in body["indicators"] if i["code"] == "tourism_products")
    assert (entry["numerator"], entry["value"], entry["status"]) == (0, 0, "")
    book = load_workbook(io.BytesIO(client.get(f"/staff/plans/{SLUG}/report.xlsx?year=2024").content))
    rows = [[c.value for c in row] for row in book["Chỉ tiêu"].iter_rows(min_row=4)]
    assert rows[11][1:4] == ["Sản phẩm du lịch cộng đồng OCOP", "≥ 6", "0"]
    by_unit = [[c.value for c in row] for row in book["Theo đơn vị"].iter_rows()]
    header = next(row for row in by_unit if row and row[0] == "Đơn vị")
    districts = [row for row in by_unit if row and str(row[0]).startswith(("Huyện", "Thị xã", "Thành phố"))]
    assert districts and {row[header.index("CT12")] for row in districts} == {"0"}


def test_it_shows_how_many_representatives_are_not_described(as_user, province_officer, plan, producer_b, client):
    """Women-led producers: the one whose representative's gender is not stated is looked at, not counted, and the
    dashboard, the indicator's page and the API say "not stated: 1"."""
    Producer.objects.filter(pk=producer_b.pk).update(representative_gender=Gender.NOT_STATED)
    officer = as_user(province_officer)
    page = officer.get(f"/staff/plans/{SLUG}/?date=31/12/2024")
    women = next(r for r in page.context["results"] if r.code == "women_led_share")
    assert (women.numerator, women.denominator, women.value) == (1, 2, 50.0)
    assert "không rõ: 1" in page.content.decode()
    detail = officer.get(f"/staff/plans/{SLUG}/indicators/women_led_share/?date=31/12/2024").content.decode()
    assert "không rõ: 1" in detail and "Không rõ" in detail  # the producer's row says why it is not counted
    body = officer.get(f"/api/v1/plans/{SLUG}/indicators?unit=70&date=2024-12-31").json()
    entries = {i["code"]: i for i in body["indicators"]}
    assert (entries["women_led_share"]["not_stated"], entries["new_products"]["not_stated"]) == (1, None)
    book = load_workbook(io.BytesIO(officer.get(f"/staff/plans/{SLUG}/report.xlsx?year=2024").content))
    row = next(r for r in book["Chỉ tiêu"].iter_rows(min_row=4, values_only=True) if r[0] == "6")
    assert row[4] == "1 / 2 (không rõ: 1)"


def test_the_map_shows_the_provinces_showroom_centres_open_on_the_date(as_user, province_officer, plan, commune_a,
                                                                      commune_b):  # fmt: skip
    elsewhere = Unit.objects.filter(map="legacy", level="commune").exclude(path__startswith="legacy/70/").first()
    where = {"latitude": Decimal("11.5"), "longitude": Decimal("106.9"), "kind": "showroom_centre"}
    SalesPoint.objects.create(name="TT Đồng Phú", unit=commune_a, opened_on=datetime.date(2023, 1, 1), **where)
    SalesPoint.objects.create(name="TT Bù Đăng (đã đóng)", unit=commune_b, opened_on=datetime.date(2022, 1, 1),
                              closed_on=datetime.date(2024, 3, 1), **where)  # fmt: skip
    SalesPoint.objects.create(name="TT Bù Đăng (mở sau)", unit=commune_b, opened_on=datetime.date(2025, 1, 1), **where)
    SalesPoint.objects.create(name="TT tỉnh khác", unit=elsewhere, opened_on=datetime.date(2020, 1, 1), **where)
    client = as_user(province_officer)

    def centres(query: str) -> set[str]:
        page = client.get(f"/staff/plans/{SLUG}/?{query}")
        return {name for _lat, _lon, kind, name in page.context["points"] if kind == "showroom"}

    assert centres("date=31/12/2024") == {"TT Đồng Phú"}
    assert centres("date=31/12/2023") == {"TT Đồng Phú", "TT Bù Đăng (đã đóng)"}
    assert centres("date=31/12/2023&unit=696") == {"TT Bù Đăng (đã đóng)"}  # Bù Đăng district: its own only


def test_an_indicator_page_lists_the_records_behind_it(as_user, province_officer, plan):
    page = as_user(province_officer).get(f"/staff/plans/{SLUG}/indicators/women_led_share/?date=31/12/2024")
    text = page.content.decode()
    assert "HTX Điều Tân Lập" in text and "Công ty TNHH Tiêu Minh Hưng" in text
    assert as_user(province_officer).get(f"/staff/plans/{SLUG}/indicators/nope/").status_code == 404


def test_the_dashboard_costs_the_same_queries_for_more_producers(
    as_user, province_officer, plan, commune_a, django_assert_max_num_queries
):
    client = as_user(province_officer)
    with django_assert_max_num_queries(40) as few:
        client.get(f"/staff/plans/{SLUG}/?date=31/12/2024")
    for n in range(10):
        product = make_product(make_producer(f"HTX {n}", commune_a, f"380555{n:04d}"), f"SP {n}")
        make_certificate(product, f"X-{n}", "2023-05-01")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(f"/staff/plans/{SLUG}/?date=31/12/2024")


def test_an_office_creates_a_plan_on_the_new_map_with_its_targets(as_user, province_officer, plan):
    client = as_user(province_officer)
    data = {"name": "Đồng Nai 2026–2030", "slug": "dong-nai-2026-2030", "map": "2025", "province": unit("2025", "75").pk,
            "starts_on": "01/01/2030", "ends_on": "31/12/2026"}  # fmt: skip
    assert client.post("/staff/plans/add/", data).status_code == 400 and Plan.objects.count() == 1
    data.update(starts_on="01/01/2026", ends_on="31/12/2030", map="legacy")  # the province is on the new map
    assert client.post("/staff/plans/add/", data).status_code == 400 and Plan.objects.count() == 1
    data.update(map="2025")
    assert client.post("/staff/plans/add/", data).status_code == 302
    url = "/staff/plans/dong-nai-2026-2030/targets/add/"
    assert client.post(url, {"indicator": "happiness", "comparison": "gte", "value": "5"}).status_code == 400
    assert client.post(url, {"indicator": "new_products", "comparison": "gte", "value": "200"}).status_code == 302
    assert client.post(url, {"indicator": "new_products", "comparison": "gte", "value": "300"}).status_code == 400
    assert Target.objects.filter(plan__slug="dong-nai-2026-2030").count() == 1
    assert client.get("/staff/plans/dong-nai-2026-2030/?date=30/11/2026").status_code == 200


def test_only_the_province_office_plans(as_user, officer_a, plan):
    assert as_user(officer_a).get("/staff/plans/add/").status_code == 403
    # The commune officer sees its province's plan, but the review report is the office's: 403, not 404.
    assert as_user(officer_a).get(f"/staff/plans/{SLUG}/report.docx").status_code == 403


def test_tasks_and_progress_reports(as_user, province_officer, plan):
    client = as_user(province_officer)
    solution = plan.solutions.get(number=2)
    response = client.post(f"/staff/plans/{SLUG}/tasks/add/", {
        "solution": solution.pk, "title": "Xây dựng trang thông tin OCOP", "responsible": "Sở Thông tin",
        "deadline": "30/06/2024", "status": "ongoing",
    })  # fmt: skip
    assert response.status_code == 302
    task = Task.objects.get()
    url = f"/staff/plans/{SLUG}/tasks/{task.pk}/report/"
    assert client.post(url, {"reported_on": "01/03/2024", "progress": "150", "text": "x"}).status_code == 400
    assert client.post(url, {"reported_on": "01/03/2024", "progress": "60", "text": "Đã chạy thử"}).status_code == 302
    assert "Đã chạy thử" in client.get(f"/staff/plans/{SLUG}/tasks/").content.decode()


def test_the_final_report_opens_in_libreoffice_with_its_tables(as_user, province_officer, plan, tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("LibreOffice is missing: apt-get install -y libreoffice-writer-nogui (.ci/run installs it)")
    response = as_user(province_officer).get(f"/staff/plans/{SLUG}/report.docx?year=2025")
    assert response.status_code == 200
    (tmp_path / "bao-cao.docx").write_bytes(response.content)
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
         "txt:Text (encoded):UTF8", "bao-cao.docx"], cwd=tmp_path, check=True, timeout=180, capture_output=True,
    )  # fmt: skip
    text = (tmp_path / "bao-cao.txt").read_text(encoding="utf-8-sig")
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "BÁO CÁO",
                     "Tổng kết thực hiện Chương trình", "Sản phẩm OCOP mới", "≥ 150", "Huyện Bù Đăng", "Nơi nhận",
                     "TM. ỦY BAN NHÂN DÂN"):  # fmt: skip
        assert expected in text, expected


def test_the_excel_report_and_the_command(as_user, province_officer, plan, tmp_path):
    response = as_user(province_officer).get(f"/staff/plans/{SLUG}/report.xlsx?year=2024")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Chỉ tiêu", "Theo đơn vị", "Hậu kiểm"]
    rows = [[c.value for c in row] for row in book["Chỉ tiêu"].iter_rows(min_row=4)]
    assert rows[1][:4] == ["2", "Lũy kế sản phẩm OCOP", "≥ 250", "2"]
    assert as_user(province_officer).get(f"/staff/plans/{SLUG}/report.xlsx?year=2031").status_code == 400
    target = tmp_path / "bc.docx"
    call_command("report", "--plan", SLUG, "--year", "2024", "--format", "docx", "-o", str(target))
    assert target.read_bytes()[:2] == b"PK"


def test_the_default_date_is_today_or_the_deadline(as_user, province_officer, plan):
    page = as_user(province_officer).get(f"/staff/plans/{SLUG}/")
    assert page.context["day"] == min(datetime.date.today(), plan.ends_on)


def test_a_report_of_many_units_is_built_in_the_background(
    as_user, province_officer, plan, settings, django_capture_on_commit_callbacks
):
    from ocop.exchange.models import ExportRecord
    from ocop.programme.tasks import build_report_job

    settings.OCOP_REPORT_SYNC_UNITS = 5  # Bình Phước has 11 districts
    client = as_user(province_officer)
    with django_capture_on_commit_callbacks() as queued:
        response = client.get(f"/staff/plans/{SLUG}/report.docx?year=2024")
    record = ExportRecord.objects.get(kind="report")
    assert response.status_code == 302 and len(queued) == 1 and record.total == 11
    assert "<progress" in client.get(response["Location"]).content.decode()
    build_report_job.call(record.pk)
    download = client.get(f"/staff/exports/{record.pk}/file")
    assert download.status_code == 200 and download.content[:2] == b"PK"
    assert download["Content-Disposition"].endswith('bao-cao-binh-phuoc-2022-2025-2024.docx"')


def test_an_indicator_on_personal_data_lists_no_records_to_the_viewer(as_user, province_officer, viewer, plan):
    """Women-led producers: the rows behind the figure would tell each representative's gender (the fact, the ✔
    of those counted, and the names beside a figure of 0 % or 100 %). Without the "personal" right over the unit's
    producers the page lists none and says why; the office reads every row."""
    url = f"/staff/plans/{SLUG}/indicators/women_led_share/?date=31/12/2024"
    office = as_user(province_officer).get(url)
    assert [counted for _obj, counted, _fact in office.context["rows"]].count(True) == 2
    assert "Nữ" in office.content.decode() and office.context["result"].numerator == 2
    page = as_user(viewer).get(url)
    assert page.status_code == 200 and page.context["rows"] == []
    text = page.content.decode()
    assert "HTX Điều Tân Lập" not in text and "Nữ" not in text and "<td>✔</td>" not in text
    assert "không được liệt kê" in text  # the sentence that says why
    # A figure on no personal data lists its records to the viewer as before.
    products = as_user(viewer).get(f"/staff/plans/{SLUG}/indicators/cumulative_products/?date=31/12/2024")
    assert products.context["rows"] and products.context["withheld"] is None


def test_a_figure_on_personal_data_does_not_tell_the_viewer_each_records_value(as_user, viewer, plan):
    """The rows hide each representative's gender, but the figure beside them does not: 2 of the 2 producers
    listed are women-led (100 %), so the viewer reads every listed producer's gender (the same with one producer
    in a commune, or 0 %). Small counts of personal data need suppressing (or the rows withheld) without the
    "personal" right; the national office reads the same for any commune of the country."""
    url = f"/staff/plans/{SLUG}/indicators/women_led_share/?date=31/12/2024"
    page = as_user(viewer).get(url)
    result, rows = page.context["result"], page.context["rows"]
    named = [obj for obj, _counted, _fact in rows]
    assert not (named and result.numerator in (0, result.denominator)), "every listed producer's gender is told"


def test_the_figure_is_suppressed_below_the_small_numbers_threshold_for_the_viewer(as_user, viewer, plan, commune_a):
    """2 of 2 women-led: "—" for the viewer (value, numerator, not stated, projection, each point of the trend);
    with 3 of 6 the figure is shown: no group smaller than K."""
    from ocop.programme.disclosure import K

    assert K == 3
    url = f"/staff/plans/{SLUG}/?date=31/12/2024"
    page = as_user(viewer).get(url)
    women = next(r for r in page.context["results"] if r.code == "women_led_share")
    assert women.suppressed and (women.value, women.numerator, women.not_stated, women.projection) == (None,) * 4
    assert all(value is None for _day, value in women.series) and women.denominator == 2
    assert "Ẩn để bảo vệ dữ liệu cá nhân (nhóm nhỏ)" in page.content.decode()
    coops = next(r for r in page.context["results"] if r.code == "coop_enterprise_share")
    assert not coops.suppressed and coops.value is not None  # no personal data: shown whatever the counts
    for n in range(4):
        gender = Gender.MALE if n < 3 else Gender.FEMALE
        product = make_product(make_producer(f"HTX {n}", commune_a, f"380555{n:04d}", representative_gender=gender),
                               f"SP {n}")  # fmt: skip
        make_certificate(product, f"X-{n}", "2023-05-01")
    women = next(r for r in as_user(viewer).get(url).context["results"] if r.code == "women_led_share")
    assert not women.suppressed and (women.numerator, women.denominator, women.value) == (3, 6, 50.0)


def test_the_per_unit_table_suppresses_a_small_commune_for_the_viewer_not_the_office(
    as_user, viewer, province_officer, plan
):
    """Đồng Phú district's communes: Tân Lập has one producer, woman-led (100 %). The viewer reads "—" with the
    note in its row, the office the figure; the office reads the same page in as many queries as before."""
    url = f"/staff/plans/{SLUG}/?unit=695&date=31/12/2024"
    women = [r.code for r in as_user(viewer).get(url).context["results"]].index("women_led_share")

    def row(user):
        page = as_user(user).get(url)
        return page, next(values for child, values in page.context["table"] if child.name == "Xã Tân Lập")

    page, values = row(viewer)
    assert getattr(values[women], "suppressed", False) and str(values[women]) == "—"
    assert 'title="Ẩn để bảo vệ dữ liệu cá nhân (nhóm nhỏ)"' in page.content.decode()
    _page, values = row(province_officer)
    assert values[women] == 100.0


def test_the_api_suppresses_for_the_viewer_and_not_for_the_office(as_user, viewer, province_officer, plan):
    query = f"/api/v1/plans/{SLUG}/indicators?unit=695&date=2024-12-31"

    def women(user, code="women_led_share"):
        return next(i for i in as_user(user).get(query).json()["indicators"] if i["code"] == code)

    hidden, shown = women(viewer), women(province_officer)
    minority = women(viewer, "ethnic_minority_led_share")  # 0 of 1: as telling as 100 %
    assert minority["suppressed"] and minority["value"] is None and minority["denominator"] == 1
    assert not women(viewer, "coop_enterprise_share")["suppressed"]
    assert hidden["suppressed"] and (hidden["value"], hidden["numerator"], hidden["status"]) == (None, None, "")
    assert not shown["suppressed"] and (shown["value"], shown["numerator"]) == (100.0, 1)


def test_the_right_over_a_unit_is_the_personal_right_over_every_producer_in_it(officer_a, viewer, province_officer):
    """A commune officer reads their commune's small figures whole, not the province's; the office its province's."""
    from ocop.core import rights

    commune = rights.person(officer_a).prefixes[0]
    assert rights.sees_personal_in(officer_a, Producer, commune)
    assert not rights.sees_personal_in(officer_a, Producer, "legacy/70/")
    assert rights.sees_personal_in(province_officer, Producer, "legacy/70/")
    assert not rights.sees_personal_in(viewer, Producer, "legacy/70/")


def test_the_review_report_run_by_the_national_office_suppresses_small_districts(
    as_user, province_officer, viewer, plan, national_office
):
    """Viewers run no reports (the rights table: export on the plan); the national office does, and reads "—*"
    with the note where the office reads the figure."""
    from docx import Document

    from ocop.programme.reports import SUPPRESSED_NOTE_VI, SUPPRESSED_VI

    assert as_user(viewer).get(f"/staff/plans/{SLUG}/report.xlsx?year=2024").status_code == 403

    def women(user) -> tuple[list, list]:
        book = load_workbook(io.BytesIO(as_user(user).get(f"/staff/plans/{SLUG}/report.xlsx?year=2024").content))
        header, *rows = [list(row) for row in book["Theo đơn vị"].iter_rows(values_only=True)]
        column = header.index("CT6")
        return [row[column] for row in rows if row[0] == "Huyện Đồng Phú"], rows

    cells, rows = women(national_office)
    assert cells == [SUPPRESSED_VI] and rows[-1][0] == SUPPRESSED_NOTE_VI
    cells, rows = women(province_officer)
    assert cells == ["100%"] and all(row[0] != SUPPRESSED_NOTE_VI for row in rows)
    docx = as_user(national_office).get(f"/staff/plans/{SLUG}/report.docx?year=2024").content
    text = "\n".join(p.text for p in Document(io.BytesIO(docx)).paragraphs)
    assert SUPPRESSED_NOTE_VI in text


@pytest.fixture
def national_office(db):
    return make_user("trunguong", RoleKind.NATIONAL_OFFICE, unit=unit("2025", "VN"))
