"""Bad input that used to answer 500: a NUL character anywhere in a request, integers beyond 64 bits in ids,
filters and multi-selects. Each gets a message (in Vietnamese) and changes nothing, on pages and in the API."""

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from conftest import unit
from ocop.exchange.models import ImportRecord
from ocop.market.models import Event
from ocop.registry.models import Producer, Product
from ocop.registry.tests.test_producer_pages import producer_form
from ocop.stories.models import Article

pytestmark = pytest.mark.django_db
HUGE = str(2**70)  # beyond any integer column: SQLite cannot bind it, PostgreSQL's bigint cannot hold it
NUL_PAGE = "ký tự NUL"  # the Vietnamese page's words for it


def no_exceptions(client: Client) -> Client:
    client.raise_request_exception = False  # an error must show as the status code, not as a test exception
    return client


# A NUL character: PostgreSQL refuses it in every text column, so it is refused at the door.


def test_it_refuses_a_nul_in_a_form_field_with_a_page_in_vietnamese_and_saves_nothing(as_user, officer_a, producer_a):
    client = no_exceptions(as_user(officer_a))
    data = producer_form(producer_a.commune, name="HTX\x00 Điều", tax_code=producer_a.tax_code)
    response = client.post(f"/staff/producers/{producer_a.pk}/edit/", data)
    assert response.status_code == 400 and NUL_PAGE in response.content.decode()
    assert response["Content-Type"].startswith("text/html")
    producer_a.refresh_from_db()
    assert producer_a.name == "HTX Điều Tân Lập"


def test_it_refuses_a_nul_in_a_multi_value_field_and_a_field_name(as_user, officer_a, producer_a):
    client = no_exceptions(as_user(officer_a))
    url = f"/staff/producers/{producer_a.pk}/edit/"
    data = producer_form(producer_a.commune, tax_code=producer_a.tax_code)
    assert client.post(url, {**data, "notes": ["ok", "a\x00"]}).status_code == 400
    assert client.post(url, {**data, "x\x00": "1"}).status_code == 400
    assert not Producer.objects.exclude(name="HTX Điều Tân Lập").exists()


def test_it_refuses_a_nul_in_a_multipart_form_before_anything_is_recorded(as_user, province_officer):
    client = no_exceptions(as_user(province_officer))
    upload = SimpleUploadedFile("chu-the.csv", b"a;b\n1;2\n", content_type="text/csv")
    response = client.post("/staff/imports/", {"kind": "producers\x00", "file": upload})
    assert response.status_code == 400 and NUL_PAGE in response.content.decode()
    assert not ImportRecord.objects.exists()


def test_the_api_refuses_a_nul_in_a_json_body_with_a_json_message(as_user, province_officer):
    client = no_exceptions(as_user(province_officer))
    body = {"product_set": 7, "sheets": [{"member": "Ông A\u0000", "choices": {}}]}
    response = client.post("/api/v1/scoring/evaluate", json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    assert NUL_PAGE in response.json()["detail"]


def test_an_escaped_backslash_before_u0000_is_text_not_a_nul(as_user, province_officer):
    client = no_exceptions(as_user(province_officer))
    body = {"product_set": 7, "sheets": [{"member": "C:\\u0000", "choices": {}}]}
    response = client.post("/api/v1/scoring/evaluate", json.dumps(body), content_type="application/json")
    assert NUL_PAGE not in response.content.decode()


def test_a_nul_in_the_address_or_the_query_is_refused_too(as_user, province_officer):
    client = no_exceptions(as_user(province_officer))
    for response in (
        client.get("/staff/producers/", {"q": "a\x00"}),
        client.get("/api/v1/producers", {"q": "a\x00"}),
    ):
        assert response.status_code == 400 and NUL_PAGE in response.content.decode()


# Integers beyond 64 bits.


def test_the_catalogue_drops_a_province_beyond_64_bits(client, product_a):
    response = no_exceptions(client).get("/san-pham/", {"province": HUGE})
    assert response.status_code == 200


def test_a_multi_select_with_an_id_beyond_64_bits_is_an_invalid_choice(as_user, province_officer, product_a):
    client = no_exceptions(as_user(province_officer))
    data = {"kind": "news", "title": "Tin", "summary": "", "body": "<p>Nội dung</p>", "status": "draft"}
    response = client.post("/staff/stories/new/", {**data, "products": [HUGE, product_a.pk]})
    assert response.status_code == 200 and "products" in response.context["form"].errors
    response = client.post("/staff/stories/new/", {**data, "producers": [HUGE]})
    assert response.status_code == 200 and "producers" in response.context["form"].errors
    assert not Article.objects.exists()


def test_a_market_multi_select_with_an_id_beyond_64_bits_is_an_invalid_choice(
    as_user, province_officer, producer_a, product_a
):
    client = no_exceptions(as_user(province_officer))
    fair = Event.objects.create(
        name="Hội chợ OCOP 2024", kind="fair", level="provincial", unit=unit("legacy", "70"),
        starts_on=datetime.date(2024, 10, 10), ends_on=datetime.date(2024, 10, 14),
    )  # fmt: skip
    data = {"event": fair.pk, "producer": producer_a.pk, "products": [HUGE], "contracts": 0, "buyers_met": 0}
    response = client.post("/staff/market/participations/add/", data)
    assert response.status_code == 200 and "products" in response.context["form"].errors
    response = client.post("/staff/market/participations/add/", {**data, "products": [], "event": HUGE})
    assert response.status_code == 200 and "event" in response.context["form"].errors


def test_a_misuse_report_naming_a_product_beyond_64_bits_is_received_without_it(client):
    data = {"product": HUGE, "product_name": "Mật ong", "seen_at": "Chợ Đồng Xoài", "description": "Tem giả"}
    response = no_exceptions(client).post("/bao-cao-vi-pham/", data)
    assert response.status_code == 200


def test_ids_beyond_64_bits_in_addresses_and_api_paths_are_not_found(as_user, province_officer, product_a):
    client = no_exceptions(as_user(province_officer))
    for url in (
        f"/staff/producers/{HUGE}/",
        f"/staff/products/{HUGE}/edit/",
        f"/san-pham/{HUGE}/",
        f"/api/v1/producers/{HUGE}",
        f"/api/v1/products/{HUGE}",
    ):
        assert client.get(url).status_code == 404, url
    assert client.get("/api/v1/products", {"page": HUGE}).status_code in (200, 400)
    assert client.get("/staff/products/", {"page": HUGE}).status_code == 200


def test_lookups_with_integers_beyond_64_bits_match_nothing_instead_of_crashing(product_a):
    """Django turns `pk=HUGE` into "no match" since 5.0; the same now holds for `in` and for foreign keys."""
    producer = product_a.producer
    assert list(Producer.objects.filter(pk__in=[int(HUGE), producer.pk])) == [producer]
    assert not Producer.objects.filter(pk__in=[int(HUGE)]).exists()
    assert not Producer.objects.filter(pk__in=[-int(HUGE)]).exists()
    assert not Product.objects.filter(producer_id=int(HUGE)).exists()
    assert not Product.objects.filter(producer=int(HUGE)).exists()
    assert list(Product.objects.filter(producer__in=[int(HUGE), producer.pk])) == [product_a]
    assert list(Product.objects.exclude(producer__in=[int(HUGE)])) == [product_a]
    assert list(Product.objects.filter(producer_id__lt=int(HUGE))) == [product_a]
    assert not Product.objects.filter(producer_id__gt=int(HUGE)).exists()


@pytest.mark.parametrize(
    "body",
    [
        {"product_set": int(HUGE), "sheets": [{"member": "A", "choices": {}}]},
        {"criteria_version": int(HUGE), "product_set": 7, "sheets": [{"member": "A", "choices": {}}]},
        {"product_set": 7, "sheets": [{"member": "A", "choices": {"1.1": int(HUGE)}, "disqualifiers": [int(HUGE)]}]},
    ],
)
def test_the_api_answers_integers_beyond_64_bits_in_a_body_with_a_400(as_user, province_officer, body):
    client = no_exceptions(as_user(province_officer))
    response = client.post("/api/v1/scoring/evaluate", json.dumps(body), content_type="application/json")
    assert response.status_code == 400 and response.json()["detail"]


LISTS = [
    "/staff/producers/", "/staff/products/", "/staff/certificates/", "/staff/certificates/worklist/",
    "/staff/dossiers/", "/staff/sessions/", "/staff/history/", "/staff/market/events/",
    "/staff/market/participations/", "/staff/market/sales-points/", "/staff/market/listings/",
    "/staff/market/craft-villages/", "/staff/market/activities/", "/staff/market/support/", "/staff/misuse/",
    "/san-pham/", "/ban-do/", "/ban-do/diem.geojson", "/tin-tuc/", "/api/v1/producers", "/api/v1/products",
    "/api/v1/certificates", "/api/v1/dossiers", "/api/v1/market/events", "/api/v1/market/participations",
    "/api/v1/units",
]  # fmt: skip
FILTERS = ("producer", "product", "event", "sales_point", "unit", "province", "commune", "product_set", "stars",
           "year", "page", "page_size", "parent", "kind", "at")  # fmt: skip


@pytest.mark.parametrize("url", LISTS)
def test_list_filters_beyond_64_bits_are_messages_not_errors(as_user, province_officer, product_a, url):
    client = no_exceptions(as_user(province_officer))
    assert client.get(url, dict.fromkeys(FILTERS, HUGE)).status_code < 500
    assert client.get(url, {name: [HUGE, "1"] for name in FILTERS}).status_code < 500
