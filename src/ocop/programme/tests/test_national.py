"""The national plan and dashboard: QĐ 919/QĐ-TTg as data on the whole country, the 34 provinces side by side
(sorted, ranked, drilled into), the national review report, and who may open them."""

import io

import pytest
from django.core.management import call_command
from docx import Document
from openpyxl import load_workbook

from conftest import make_certificate, make_user, unit
from ocop.core import rights
from ocop.core.choices import RoleKind
from ocop.places.models import Unit
from ocop.programme.loader import DATA, load_plan
from ocop.programme.models import Plan
from ocop.programme.national import FIVE_STAR, beside_targets, national_figures
from ocop.programme.reports import SUPPRESSED_NOTE_VI, SUPPRESSED_VI

SLUG = "quoc-gia-2021-2025"
DAY = "31/12/2024"


@pytest.fixture
def national(db) -> Plan:
    return load_plan(DATA / f"{SLUG}.json")


@pytest.fixture
def national_office(db):
    return make_user("trunguong", RoleKind.NATIONAL_OFFICE, unit=unit("2025", "VN"))


@pytest.fixture
def recognised(product_a, draft_b):
    """Two products of old Bình Phước (now Đồng Nai): one 4★, one 5★ (decided by the central council)."""
    make_certificate(product_a, "GCN-1", "2023-03-01")
    make_certificate(draft_b, "GCN-5", "2024-03-01", stars=5)


def test_the_country_is_a_unit_at_the_root_of_each_map(db):
    for the_map in ("legacy", "2025"):
        country = Unit.objects.get(map=the_map, code="VN")
        assert (country.level, country.path, country.name) == ("country", f"{the_map}/", "Toàn quốc")
    assert Unit.objects.filter(map="2025", level="province").count() == 34
    # Provinces keep no parent: addresses and "the producer's province" stop at the province.
    assert unit("2025", "75").parent_id is None


def test_the_national_office_reaches_every_province_on_both_maps_and_writes_nothing(national_office, producer_a):
    assert rights.prefixes(national_office) == ["legacy/", "2025/"]
    hanoi = Unit.objects.get(map="legacy", code="01")
    assert rights.may(national_office, "view", producer_a) and rights.may(national_office, "figures", hanoi)
    assert not rights.may(national_office, "change", producer_a)
    assert not rights.may(national_office, "personal", producer_a)
    # Producer-private records: no reach in the national column (a council seat, checked record by record, aside).
    for record, action in [("evaluation.evidence", "view"), ("portal.misusereport", "personal"),
                           ("core.role", "view")]:  # fmt: skip
        assert "national" not in rights.RIGHTS[(record, action)]
    # Misuse reports themselves are seen (the ministry opens its ad-hoc inspections from them), their reporters not.
    assert rights.RIGHTS[("portal.misusereport", "view")]["national"] == "unit"


def test_a_national_office_is_given_the_country_only(db):
    from django.core.exceptions import ValidationError

    from ocop.core.models import Role

    role = Role(kind=RoleKind.NATIONAL_OFFICE, unit=unit("2025", "75"))
    with pytest.raises(ValidationError, match="toàn quốc"):
        role.clean()


def test_the_national_plan_loads_idempotently_with_its_checked_targets(national):
    assert national.province.level == "country" and national.map == "2025"
    assert national.document_number == "919/QĐ-TTg" and national.document_date.isoformat() == "2022-08-01"
    targets = {t.indicator: (t.comparison, int(t.value)) for t in national.targets.all()}
    assert targets == {
        "cumulative_products": ("gte", 10000),
        "renewed_share": ("gte", 50),
        "coop_enterprise_share": ("gte", 70),  # 40% cooperatives + 30% SMEs, counted together
        "value_chain_share": ("gte", 30),  # loaded after checking the decision's wording (an upper bound)
        "modern_channel_share": ("gte", 50),
    }
    assert beside_targets(national)[FIVE_STAR].value == 400
    call_command("plans", "load")
    assert Plan.objects.filter(slug=SLUG).count() == 1 and national.targets.count() == 5


def test_each_national_target_quotes_the_decision_and_what_is_not_loaded_says_why():
    import json

    from ocop.programme.indicators.definitions import BY_CODE

    spec = json.loads((DATA / f"{SLUG}.json").read_text(encoding="utf-8"))
    for item in [*spec["targets"], *spec["beside_engine"]]:
        assert item["wording"] and "Mục tiêu cụ thể" in item["place"] and item["source"]
    for item in spec["targets"]:
        assert item["indicator"] in BY_CODE and item["measure"]
    loaded = {item["indicator"] for item in spec["targets"]}
    for item in spec["not_loaded"]:
        assert item["reason"] and item["target"] and item["indicator"] not in loaded
        assert item["indicator"] is None or item["indicator"] in BY_CODE
    assert {"trained_workforce_share", "women_led_share"} <= {item["indicator"] for item in spec["not_loaded"]}


def test_every_province_office_sees_the_national_plan(national, province_officer, producer_user):
    assert Plan.objects.for_user(province_officer).filter(slug=SLUG).exists()
    assert not Plan.objects.for_user(producer_user).filter(slug=SLUG).exists()


def test_the_figures_of_the_country_and_of_each_province(national, recognised, national_office):
    import datetime

    figures = national_figures(national, datetime.date(2024, 12, 31), national_office)
    country = {r.code: r.value for r in figures.country.results}
    assert country["cumulative_products"] == 2 and country[FIVE_STAR] == 1
    five = next(r for r in figures.country.results if r.code == FIVE_STAR)
    assert int(five.target) == 400 and five.series  # the country's target and trend
    assert len(figures.provinces) == 34
    first = figures.provinces[0]  # sorted by cumulative products: Đồng Nai leads, ranked first
    assert (first.unit.code, first.rank, first.measure("cumulative_products"), first.measure(FIVE_STAR)) == (
        "75", 1, 2, 1
    )  # fmt: skip
    assert all(area.rank == 2 for area in figures.provinces[1:])  # the others tie
    # Share targets apply to every province; count targets are the country's only.
    renewed = next(r for r in first.results if r.code == "renewed_share")
    assert renewed.target is not None and next(r for r in first.results if r.code == FIVE_STAR).target is None


def test_the_national_office_reads_a_large_provinces_figure_and_not_a_small_ones(
    national, recognised, national_office, commune_a, as_user
):
    """The national office has no "personal" right: Đồng Nai's women-led share is shown once neither its women-led
    nor its other producers are fewer than 3 (3 of 6), and withheld while 2 of 2; no other province's leaks."""
    import datetime

    from conftest import make_producer, make_product
    from ocop.registry.choices import Gender

    def dong_nai():
        figures = national_figures(national, datetime.date(2024, 12, 31), national_office)
        area = next(a for a in figures.provinces if a.unit.code == "75")
        return next(r for r in area.results if r.code == "women_led_share"), figures

    women, figures = dong_nai()
    assert women.suppressed and women.value is None
    country = next(r for r in figures.country.results if r.code == "women_led_share")
    assert country.suppressed  # the whole country is 2 of 2 too: small
    page = as_user(national_office).get(f"/staff/plans/{SLUG}/provinces/?date={DAY}")
    assert "Ẩn để bảo vệ dữ liệu cá nhân (nhóm nhỏ)" in page.content.decode()
    for n, gender in enumerate([Gender.FEMALE, Gender.MALE, Gender.MALE, Gender.MALE]):
        producer = make_producer(f"HTX {n}", commune_a, f"380555{n:04d}", representative_gender=gender)
        make_certificate(make_product(producer, f"SP {n}"), f"X-{n}", "2023-05-01")
    women, figures = dong_nai()
    assert not women.suppressed and (women.numerator, women.denominator, women.value) == (3, 6, 50.0)


def test_the_national_dashboard_for_the_national_office(
    national, recognised, national_office, as_user, django_assert_max_num_queries
):
    client = as_user(national_office)
    with django_assert_max_num_queries(40):
        page = client.get(f"/staff/plans/{SLUG}/provinces/?date={DAY}")
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('href="/staff/plans/quoc-gia-2021-2025/?unit=2025:') == 34
    assert "Thành phố Đồng Nai" in html and "<circle" in html  # the provinces on the map
    by_name = client.get(f"/staff/plans/{SLUG}/provinces/?date={DAY}&sort=name&order=asc").content.decode()
    rows = by_name.split('id="provinces"')[1]
    # By the bare name, provinces and cities together: An Giang, Bắc Ninh, Cà Mau, … Hà Nội, …
    assert rows.index("Tỉnh An Giang") < rows.index("Thành phố Bắc Ninh") < rows.index("Tỉnh Cà Mau")
    # Drill-down: the province's own dashboard on the national plan, with its communes.
    province = client.get(f"/staff/plans/{SLUG}/?unit=2025:75&date={DAY}")
    assert province.status_code == 200 and "Thành phố Đồng Nai" in province.content.decode()


def test_the_province_plans_are_offered_for_the_drill_down(national, national_office, as_user):
    from ocop.programme.loader import shipped_plans

    load_plan(shipped_plans()[0])  # Bình Phước 2022–2025, on old Bình Phước (now in Đồng Nai)
    html = as_user(national_office).get(f"/staff/plans/{SLUG}/provinces/?date={DAY}").content.decode()
    assert 'href="/staff/plans/binh-phuoc-2022-2025/"' in html


def test_who_may_open_the_national_dashboard(
    national, as_user, province_officer, officer_a, producer_user, superuser, client
):
    url = f"/staff/plans/{SLUG}/provinces/"
    assert as_user(province_officer).get(url).status_code == 403  # sees the plan, not every province's figures
    assert as_user(officer_a).get(url).status_code == 403
    assert as_user(producer_user).get(url).status_code == 404
    assert as_user(superuser).get(url).status_code == 200
    binh_phuoc = load_plan(sorted(DATA.glob("binh-*.json"))[0])
    assert as_user(superuser).get(f"/staff/plans/{binh_phuoc.slug}/provinces/").status_code == 404  # not national


def test_bad_dates_and_years_are_refused_with_a_message(national, national_office, as_user):
    client = as_user(national_office)
    page = client.get(f"/staff/plans/{SLUG}/provinces/?date=31/02/2024")
    assert page.status_code == 400 and "31/02/2024" in page.content.decode()
    assert client.get(f"/staff/plans/{SLUG}/provinces/?sort=nonsense&date={DAY}").status_code == 200
    assert client.get(f"/staff/plans/{SLUG}/provinces/report.docx?year=2019").status_code == 400
    assert client.get(f"/staff/plans/{SLUG}/provinces/report.docx?year=abc").status_code == 400
    assert client.get(f"/staff/plans/{SLUG}/provinces/report.pdf?year=2024").status_code == 404


def test_the_national_review_report(national, recognised, national_office, as_user):
    client = as_user(national_office)
    docx = client.get(f"/staff/plans/{SLUG}/provinces/report.docx?year=2024")
    assert docx.status_code == 200
    document = Document(io.BytesIO(docx.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "trên phạm vi toàn quốc" in text and "919/QĐ-TTg ngày 01/08/2022" in text
    assert any("VĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI TRUNG ƯƠNG" in c for c in cells)
    assert "Sản phẩm OCOP 5 sao" in cells and "Thành phố Đồng Nai" in cells
    xlsx = client.get(f"/staff/plans/{SLUG}/provinces/report.xlsx?year=2024")
    book = load_workbook(io.BytesIO(xlsx.content))
    provinces = list(book["Theo tỉnh"].iter_rows(values_only=True))
    assert provinces[0][:2] == ("Hạng", "Tỉnh, thành phố") and len(provinces) == 36
    assert provinces[1][1] == "Thành phố Đồng Nai"  # ranked first on the targets met
    # Đồng Nai's 2 of 2 women-led producers: withheld from the national office, a note under the table says why
    assert provinces[1][2 + 6] == SUPPRESSED_VI and provinces[-1][0] == SUPPRESSED_NOTE_VI


def test_the_national_report_opens_in_libreoffice_letter_for_letter(national, recognised, national_office, tmp_path):
    from ocop.core.tests.pdf_glyphs import assert_drawn, docx_as_pdf
    from ocop.programme.national_report import NAMES_VI, build_docx, gather_national

    data = gather_national(national, 2025, national_office)
    assert_drawn(
        docx_as_pdf(build_docx(data), tmp_path),
        ["VĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI TRUNG ƯƠNG", "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",
         "Tổng kết thực hiện Chương trình Mỗi xã một sản phẩm (OCOP) giai đoạn 2021–2025 trên phạm vi toàn quốc",
         "II. KẾT QUẢ THEO TỈNH, THÀNH PHỐ (XẾP HẠNG THEO SỐ CHỈ TIÊU ĐẠT)",
         "III. HẬU KIỂM SẢN PHẨM SAU CÔNG NHẬN NĂM 2025", "CHÁNH VĂN PHÒNG"],
        in_cells=[NAMES_VI[r.code] for r in data.figures.country.results],
        platform_font_only=False,  # a DOCX is drawn with the reader's fonts
    )  # fmt: skip


def test_the_national_plans_own_dashboard_goes_down_country_province_commune(
    national, recognised, national_office, as_user
):
    client = as_user(national_office)
    country = client.get(f"/staff/plans/{SLUG}/?date={DAY}").content.decode()
    by_unit = country.split('class="by-unit"')[1]
    assert by_unit.count('<a href="?unit=') == 34 and "Thành phố Đồng Nai" in by_unit
    province = client.get(f"/staff/plans/{SLUG}/?unit=75&date={DAY}").content.decode()
    crumbs = province.split('class="crumbs"')[1].split("</nav>")[0]
    assert 'href="?unit=2025:VN&amp;date=31/12/2024">Toàn quốc</a>' in crumbs
    assert client.get(f"/staff/plans/{SLUG}/?unit=2025:VN&date={DAY}").status_code == 200
