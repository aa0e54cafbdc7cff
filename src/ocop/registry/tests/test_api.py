"""The JSON API: same filters, sort, pagination and scope as the pages; JSON errors for bad input."""

import re

import pytest

from conftest import make_producer, make_product
from ocop.core.models import ApiToken

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, province_officer):
    _token, key = ApiToken.issue(province_officer, "test")
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    return client


def test_it_lists_producers_with_filters_sort_and_pages(api, producer_a, producer_b):
    data = api.get("/api/v1/producers", {"sort": "-name"}).json()
    assert [p["name"] for p in data["results"]] == ["HTX Điều Tân Lập", "Công ty TNHH Tiêu Minh Hưng"]
    assert data["results"][0]["commune"]["key"] == producer_a.commune.key
    assert [p["id"] for p in api.get("/api/v1/producers", {"q": "DIEU"}).json()["results"]] == [producer_a.pk]
    assert api.get("/api/v1/producers", {"legal_form": "company_llc"}).json()["count"] == 1
    assert api.get("/api/v1/producers", {"unit": "696", "at": "2024-06-30"}).json()["count"] == 1
    page = api.get("/api/v1/producers", {"page_size": 1, "page": 2}).json()
    assert (page["count"], page["pages"], len(page["results"])) == (2, 2, 1)


def test_it_lists_products_by_set_and_searches_without_diacritics(api, product_a, draft_b):
    data = api.get("/api/v1/products", {"q": "hat dieu"}).json()
    assert [p["name"] for p in data["results"]] == ["Hạt điều rang muối Tân Lập"]
    assert api.get("/api/v1/products", {"product_set": 10}).json()["results"][0]["id"] == draft_b.pk
    detail = api.get(f"/api/v1/products/{product_a.pk}").json()
    assert detail["product_set_name"] == "Chế biến từ rau, củ, quả, hạt"
    assert detail["producer_id"] == product_a.producer_id


def test_producer_detail_has_workforce_and_products(api, product_a):
    product_a.producer.workforce.create(year=2024, workers=20, trained_workers=5, local_workers=18)
    data = api.get(f"/api/v1/producers/{product_a.producer_id}").json()
    assert data["workforce"] == [{"year": 2024, "workers": 20, "trained_workers": 5, "local_workers": 18}]
    assert data["product_ids"] == [product_a.pk]


@pytest.mark.parametrize(
    "params",
    [
        {"unit": "00000"},
        {"legal_form": "pirate"},
        {"sort": "secret"},
        {"page_size": 5000},
        {"at": "2024-02-31"},
    ],
)
def test_bad_filters_are_400_with_a_json_message(api, producer_a, params):
    response = api.get("/api/v1/producers", params)
    assert response.status_code == 400
    assert "errors" in response.json()


def test_unknown_ids_are_404_json(api):
    response = api.get("/api/v1/products/999999")
    assert response.status_code == 404 and response.json()["detail"]


def test_the_openapi_docs_are_served_locally(client):
    page = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui" in page
    # Nothing fetched from another site (a CDN): every src/href is local (a random CSRF token may spell "cdn").
    assert not re.findall(r"""(?:src|href)=["'](?:https?:)?//""", page)
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/units/{code}" in schema["paths"] and "/api/v1/producers" in schema["paths"]


def test_the_list_uses_a_constant_number_of_queries(api, commune_a, django_assert_max_num_queries):
    for index in range(20):
        producer = make_producer(f"Chủ thể {index}", commune_a, f"38100000{index:02d}")
        make_product(producer, f"Sản phẩm {index}")
    with django_assert_max_num_queries(8):
        assert len(api.get("/api/v1/products", {"page_size": 50}).json()["results"]) == 20
    with django_assert_max_num_queries(8):
        assert len(api.get("/api/v1/producers", {"page_size": 50}).json()["results"]) == 20
