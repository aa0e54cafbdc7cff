"""Market lists out to Excel: in scope, and an exported list re-imports unchanged or updates when corrected."""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from ocop.core.models import ChangeLog
from ocop.exchange.engine import run_import
from ocop.exchange.kinds import KINDS
from ocop.exchange.tests.market_kit import (
    MARKET_KINDS,
    D,
    legacy,
)
from ocop.market.models import Activity, CommuneStatus, CraftVillage, Event, Listing, Participation, SalesPoint, Support

pytestmark = pytest.mark.django_db


def test_exports_stay_in_scope(as_user, outsider_officer, officer_a, market):
    rows = read_csv(as_user(outsider_officer).get("/staff/exports/events.csv").content)
    names = {row[0] for row in rows[1:]}
    assert "Hội chợ OCOP Bình Phước 2024" not in names  # Bình Phước's provincial fair is not Hà Nội's
    assert names == {"Hội chợ Hà Nội 2024", "Tuần lễ OCOP quốc gia 2024"}  # a national event is open to all
    rows = read_csv(as_user(officer_a).get("/staff/exports/participations.csv").content)
    assert [row[2] for row in rows[1:]] == ["3801234567"]  # not producer_b of the other commune


def read_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("kind", MARKET_KINDS)
def test_an_exported_market_list_re_imports_unchanged(as_user, province_officer, market, kind, fmt):
    response = as_user(province_officer).get(f"/staff/exports/{kind}.{fmt}")
    assert response.status_code == 200
    before = ChangeLog.objects.count()
    report = run_import(kind, f"{kind}.{fmt}", response.content, province_officer, dry_run=False)
    assert report.ok, report.problems
    assert report.nothing_to_change and report.unchanged >= 2
    assert ChangeLog.objects.count() == before


def test_a_corrected_export_updates_by_natural_key(as_user, province_officer, market):
    data = as_user(province_officer).get("/staff/exports/participations.xlsx").content
    rows = [[c.value for c in row] for row in load_workbook(io.BytesIO(data)).active.iter_rows()]
    header = rows[0]
    booth = header.index("Gian hàng")
    rows[1][booth] = "Z9"
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(
        [[v.strftime("%d/%m/%Y") if isinstance(v, datetime.datetime) else v for v in row] for row in rows]
    )
    report = run_import("participations", "sua.csv", out.getvalue().encode(), province_officer, dry_run=False)
    assert report.ok and (report.created, report.updated) == (0, 1), report.problems
    assert Participation.objects.filter(booth="Z9").count() == 1


def test_craft_villages_export_with_their_products(as_user, province_officer, market):
    rows = read_csv(as_user(province_officer).get("/staff/exports/craft_villages.csv").content)
    assert rows[1][:2] == ["Làng điều Tân Lập", "Xã Tân Lập, Huyện Đồng Phú, Tỉnh Bình Phước"]
    assert rows[1][-1] == "Hạt điều rang muối Tân Lập"


@pytest.mark.parametrize("kind", MARKET_KINDS)
def test_each_market_kind_has_a_template_with_an_example(as_user, province_officer, kind):
    response = as_user(province_officer).get(f"/staff/imports/templates/{kind}.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in book["Dữ liệu"][1]] == [c.header for c in KINDS[kind].columns]
    assert len(KINDS[kind].example) == len(KINDS[kind].columns)


def more_market(start: int, count: int, producer, product, commune) -> None:
    """`count` more records of every market list, each with what its columns show (unit, products, activity)."""
    for n in range(start, start + count):
        event = Event.objects.create(
            name=f"Phiên chợ {n}", kind="fair", level="provincial", unit=legacy("70"), starts_on=D(2024, 1, 1 + n),
            ends_on=D(2024, 1, 1 + n),
        )  # fmt: skip
        Participation.objects.create(event=event, producer=producer).products.set([product])
        point = SalesPoint.objects.create(name=f"Điểm {n}", kind="ocop_point", unit=commune, opened_on=D(2022, 1, 1))
        Listing.objects.create(product=product, sales_point=point, since=D(2023, 1, 1))
        CommuneStatus.objects.create(
            unit=commune, year=2010 + n, level="ntm", decision_number=f"{n}/QĐ", decision_date=D(2010 + n, 12, 1)
        )
        CraftVillage.objects.create(name=f"Làng {n}", unit=commune).products.set([product])
        activity = Activity.objects.create(
            kind="training", title=f"Lớp {n}", agency="Sở", unit=commune, starts_on=D(2024, 2, 1 + n)
        )
        Support.objects.create(
            producer=producer, activity=activity, kind="other", funding_source="other", received_on=D(2024, 2, 1 + n)
        )


@pytest.mark.parametrize("kind", [*MARKET_KINDS, "craft_villages"])
def test_a_market_export_costs_the_same_queries_for_few_or_many_rows(
    as_user, province_officer, producer_a, product_a, commune_a, kind, django_assert_max_num_queries
):
    client = as_user(province_officer)
    more_market(0, 2, producer_a, product_a, commune_a)
    with django_assert_max_num_queries(16) as small:
        assert client.get(f"/staff/exports/{kind}.xlsx").status_code == 200
    more_market(2, 12, producer_a, product_a, commune_a)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(f"/staff/exports/{kind}.xlsx").status_code == 200
