"""Market records by persona, on pages and over the API: who sees, who adds, who changes, and bad input."""

import datetime

import pytest

from conftest import make_certificate, unit
from ocop.market.models import Activity, CommuneStatus, Event, Listing, Participation, SalesPoint, Support

pytestmark = pytest.mark.django_db
DAY = datetime.date


@pytest.fixture
def market(producer_a, producer_b, product_a, draft_b, commune_a):
    province = unit("legacy", "70")
    fair = Event.objects.create(
        name="Hội chợ OCOP Bình Phước 2024", kind="fair", level="provincial", unit=province,
        starts_on=DAY(2024, 4, 10), ends_on=DAY(2024, 4, 14), registration_open=True,
    )  # fmt: skip
    hanoi_fair = Event.objects.create(
        name="Hội chợ Hà Nội 2024", kind="fair", level="provincial", unit=unit("legacy", "01"),
        starts_on=DAY(2024, 5, 1), ends_on=DAY(2024, 5, 3),
    )  # fmt: skip
    national = Event.objects.create(
        name="Tuần hàng OCOP toàn quốc", kind="ocop_week", level="national", starts_on=DAY(2024, 9, 1),
        ends_on=DAY(2024, 9, 7),
    )  # fmt: skip
    shop = SalesPoint.objects.create(
        name="Co.opmart Đồng Xoài", kind="supermarket", unit=commune_a, opened_on=DAY(2021, 1, 1)
    )
    closed = SalesPoint.objects.create(
        name="Điểm bán cũ", kind="ocop_point", unit=commune_a, opened_on=DAY(2021, 1, 1), closed_on=DAY(2023, 1, 1)
    )
    Participation.objects.create(event=fair, producer=producer_a, confirmed=True)
    Listing.objects.create(product=product_a, sales_point=shop, since=DAY(2024, 1, 1))
    CommuneStatus.objects.create(
        unit=commune_a, year=2024, level="advanced", decision_number="1/QĐ", decision_date=DAY(2024, 12, 1)
    )
    activity = Activity.objects.create(
        kind="training", title="Tập huấn OCOP 2024", agency="VPĐP", unit=province, starts_on=DAY(2024, 3, 1)
    )
    Support.objects.create(
        producer=producer_a, activity=activity, kind="packaging", amount=10_000_000, funding_source="programme",
        received_on=DAY(2024, 6, 1),
    )  # fmt: skip
    return {"fair": fair, "hanoi": hanoi_fair, "national": national, "shop": shop, "closed": closed}


LISTS = ["events", "participations", "sales-points", "listings", "new-rural", "craft-villages", "activities", "support"]


@pytest.mark.parametrize("path", LISTS)
def test_every_list_renders_for_the_province_office(as_user, province_officer, market, path):
    response = as_user(province_officer).get(f"/staff/market/{path}/")
    assert response.status_code == 200
    assert response.context["export"]  # every list exports


def test_scope_on_pages_and_api(as_user, province_officer, outsider_officer, officer_b, producer_user, market):
    names = lambda client: {e["name"] for e in client.get("/api/v1/market/events").json()["results"]}  # noqa: E731
    assert names(as_user(province_officer)) == {"Hội chợ OCOP Bình Phước 2024", "Tuần hàng OCOP toàn quốc"}
    assert names(as_user(outsider_officer)) == {"Hội chợ Hà Nội 2024", "Tuần hàng OCOP toàn quốc"}
    assert as_user(outsider_officer).get(f"/staff/market/events/{market['fair'].pk}/").status_code == 404
    assert as_user(outsider_officer).get(f"/api/v1/market/events/{market['fair'].pk}").status_code == 404
    # Participations and support follow their producer: officer_b (Minh Hưng) sees none of producer_a's.
    assert as_user(officer_b).get("/api/v1/market/participations").json()["count"] == 0
    assert as_user(officer_b).get("/api/v1/market/supports").json()["count"] == 0
    assert as_user(producer_user).get("/api/v1/market/supports").json()["count"] == 1
    page = as_user(officer_b).get(f"/staff/market/events/{market['fair'].pk}/").content.decode()
    assert "HTX Điều Tân Lập" not in page  # the fair is visible, another commune's participant is not


def test_search_ignores_diacritics(as_user, province_officer, market):
    page = as_user(province_officer).get("/staff/market/events/?q=hoi+cho+binh+phuoc").content.decode()
    assert "Hội chợ OCOP Bình Phước 2024" in page and "Tuần hàng" not in page


def test_viewers_read_but_do_not_add(as_user, viewer, market):
    client = as_user(viewer)
    assert client.get("/staff/market/events/").status_code == 200
    assert client.get("/staff/market/events/add/").status_code == 403
    assert client.post("/staff/market/support/add/", {}).status_code == 403


def test_an_office_adds_an_event_and_bad_dates_save_nothing(as_user, province_officer, market):
    client = as_user(province_officer)
    data = {
        "name": "Hội chợ 2025", "kind": "fair", "level": "provincial", "unit": unit("legacy", "70").pk,
        "starts_on": "10/04/2025", "ends_on": "05/04/2025", "budget": "-5", "confirmed": "on",
    }  # fmt: skip
    response = client.post("/staff/market/events/add/", data)
    assert response.status_code == 200 and not Event.objects.filter(name="Hội chợ 2025").exists()
    errors = str(response.context["form"].errors)
    assert "before it starts" in errors or "không được trước ngày bắt đầu" in errors
    data.update(ends_on="14/04/2025", budget="100.000.000")
    response = client.post("/staff/market/events/add/", data)
    assert response.status_code == 200  # 100.000.000 is not a number for the form: a message, not a crash
    data.update(budget="100000000")
    assert client.post("/staff/market/events/add/", data).status_code == 302
    event = Event.objects.get(name="Hội chợ 2025")
    data.update(unit=unit("2025", "75").pk)  # the new province did not exist in April 2025
    response = client.post(f"/staff/market/events/{event.pk}/edit/", data)
    assert response.status_code == 200 and Event.objects.get(pk=event.pk).unit.map == "legacy"


def test_a_national_event_is_seen_by_all_and_changed_only_by_province_offices(
    as_user, officer_a, province_officer, market
):
    national = market["national"]
    assert as_user(officer_a).get(f"/staff/market/events/{national.pk}/").status_code == 200
    assert as_user(officer_a).get(f"/staff/market/events/{national.pk}/edit/").status_code == 403
    assert as_user(province_officer).get(f"/staff/market/events/{national.pk}/edit/").status_code == 200


def test_a_producer_registers_for_an_open_event_for_an_office_to_confirm(
    as_user, producer_user, province_officer, producer_a, product_a, draft_b, market
):
    client = as_user(producer_user)
    fair = market["fair"]
    Participation.objects.all().delete()
    response = client.post(
        "/staff/market/participations/add/",
        {"event": fair.pk, "producer": producer_a.pk, "products": [draft_b.pk], "contracts": 0, "buyers_met": 0},
    )
    assert response.status_code == 200 and not Participation.objects.exists()  # another producer's product
    response = client.post(
        "/staff/market/participations/add/",
        {"event": market["national"].pk, "producer": producer_a.pk, "contracts": 0, "buyers_met": 0},
    )
    assert response.status_code == 200  # registration is not open for this one
    response = client.post(
        "/staff/market/participations/add/",
        {"event": fair.pk, "producer": producer_a.pk, "products": [product_a.pk], "contracts": 1, "buyers_met": 3,
         "confirmed": "on"},
    )  # fmt: skip
    participation = Participation.objects.get()
    assert response.status_code == 302 and not participation.confirmed  # a producer cannot confirm itself
    page = as_user(province_officer).get(f"/staff/market/participations/{participation.pk}/edit/")
    assert "confirmed" in page.context["form"].fields


def test_listings_reject_another_producers_product_and_a_closed_sales_point(
    as_user, producer_user, province_officer, product_a, draft_b, market
):
    client = as_user(producer_user)
    response = client.post(
        "/staff/market/listings/add/", {"product": draft_b.pk, "sales_point": market["shop"].pk, "since": "01/01/2025"}
    )
    assert response.status_code == 200 and "product" in response.context["form"].errors
    response = as_user(province_officer).post(
        "/staff/market/listings/add/",
        {"product": product_a.pk, "sales_point": market["closed"].pk, "since": "01/06/2024", "confirmed": "on"},
    )
    assert response.status_code == 200 and "since" in response.context["form"].errors
    assert Listing.objects.count() == 1


def test_a_producer_adds_its_own_online_shop_only(as_user, producer_user, producer_a, market):
    client = as_user(producer_user)
    form = client.get("/staff/market/sales-points/add/").context["form"]
    assert [code for code, _label in form.fields["kind"].choices] == ["online_shop"]
    response = client.post(
        "/staff/market/sales-points/add/",
        {
            "name": "Shop HTX Tân Lập",
            "kind": "online_shop",
            "url": "https://shop.example.vn",
            "opened_on": "01/01/2024",
        },
    )
    shop = SalesPoint.objects.get(name="Shop HTX Tân Lập")
    assert response.status_code == 302 and shop.producer == producer_a and not shop.confirmed
    assert client.get(f"/staff/market/sales-points/{market['shop'].pk}/edit/").status_code == 403


def test_support_with_a_negative_amount_or_an_unknown_unit_is_refused(as_user, officer_a, producer_a, market):
    client = as_user(officer_a)
    response = client.post(
        "/staff/market/support/add/",
        {"producer": producer_a.pk, "kind": "finance", "amount": "-1", "funding_source": "provincial",
         "received_on": "01/02/2024"},
    )  # fmt: skip
    assert response.status_code == 200 and "amount" in response.context["form"].errors
    response = client.post(
        "/staff/market/new-rural/add/",
        {"unit": 999999999, "year": 2024, "level": "ntm", "decision_number": "x", "decision_date": "01/01/2024"},
    )
    assert response.status_code == 200 and "unit" in response.context["form"].errors
    assert Support.objects.count() == 1 and CommuneStatus.objects.count() == 1


def test_product_and_producer_pages_show_where_sold_events_and_support(
    as_user, province_officer, product_a, producer_a, market
):
    make_certificate(product_a, "GCN-1", "2023-06-01")
    client = as_user(province_officer)
    page = client.get(f"/staff/products/{product_a.pk}/").content.decode()
    assert "Co.opmart Đồng Xoài" in page and "Hội chợ OCOP Bình Phước 2024" in page
    page = client.get(f"/staff/producers/{producer_a.pk}/").content.decode()
    assert "Hội chợ OCOP Bình Phước 2024" in page and "Tập huấn OCOP 2024" in page


def test_market_lists_cost_a_fixed_number_of_queries(as_user, province_officer, market, django_assert_max_num_queries):
    client = as_user(province_officer)
    for path in LISTS:
        with django_assert_max_num_queries(14):
            assert client.get(f"/staff/market/{path}/").status_code == 200


def test_a_commune_officer_sees_the_province_fair_and_confirmations_are_signed(
    as_user, officer_a, province_officer, producer_a, market
):
    names = {e["name"] for e in as_user(officer_a).get("/api/v1/market/events").json()["results"]}
    assert names == {"Hội chợ OCOP Bình Phước 2024", "Tuần hàng OCOP toàn quốc"}  # not Hà Nội's fair
    assert as_user(officer_a).get(f"/staff/market/events/{market['fair'].pk}/edit/").status_code == 403
    participation = Participation.objects.get()
    data = {"event": participation.event_id, "producer": producer_a.pk, "contracts": 2, "buyers_met": 1,
            "confirmed": "on"}  # fmt: skip
    assert as_user(officer_a).post(f"/staff/market/participations/{participation.pk}/edit/", data).status_code == 302
    participation.refresh_from_db()
    assert participation.confirmed_by == officer_a


def test_activity_evidence_files_are_private_to_the_activitys_scope(
    as_user, province_officer, outsider_officer, viewer, market, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    activity = Activity.objects.get()
    client = as_user(province_officer)
    url = f"/staff/market/activities/{activity.pk}/files/"
    client.post(url, {"file": SimpleUploadedFile("virus.exe", b"MZ")})
    assert not activity.files.exists()  # refused with a message, nothing kept
    client.post(url, {"file": SimpleUploadedFile("bao-cao-tap-huan.pdf", b"%PDF-1.4 report")})
    item = activity.files.get()
    assert item.name == "bao-cao-tap-huan.pdf" and "bao-cao" not in item.file.name  # stored under a random name
    download = client.get(f"{url}{item.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert as_user(outsider_officer).get(f"{url}{item.pk}/").status_code == 404
    assert as_user(viewer).post(url, {"file": SimpleUploadedFile("x.pdf", b"%PDF")}).status_code == 403
    assert "bao-cao-tap-huan.pdf" in client.get(f"/staff/market/activities/{activity.pk}/").content.decode()
