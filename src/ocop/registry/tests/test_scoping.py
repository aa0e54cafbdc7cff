"""Nobody sees or changes what is outside their scope, on pages and in the API alike: out of scope is 404."""

import pytest
from django.contrib.auth.models import User

from conftest import make_product
from ocop.core.models import ApiToken
from ocop.registry.models import Product

pytestmark = pytest.mark.django_db


def test_a_commune_officer_of_a_gets_404_on_bs_producer(as_user, officer_a, producer_a, producer_b):
    client = as_user(officer_a)
    assert client.get(f"/staff/producers/{producer_a.pk}/").status_code == 200
    for url in (
        f"/staff/producers/{producer_b.pk}/",
        f"/staff/producers/{producer_b.pk}/edit/",
        f"/staff/producers/{producer_b.pk}/delete/",
        f"/staff/producers/{producer_b.pk}/workforce/add/",
        f"/api/v1/producers/{producer_b.pk}",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/staff/producers/{producer_b.pk}/edit/", {"name": "x"}).status_code == 404
    listed = client.get("/api/v1/producers").json()
    assert [p["id"] for p in listed["results"]] == [producer_a.pk]


def test_a_producer_cannot_see_another_producers_draft(as_user, producer_user, product_a, draft_b):
    client = as_user(producer_user)
    assert client.get(f"/staff/products/{product_a.pk}/").status_code == 200
    assert client.get(f"/staff/products/{draft_b.pk}/").status_code == 404
    assert client.get(f"/api/v1/products/{draft_b.pk}").status_code == 404
    assert "Tiêu đen Minh Hưng" not in client.get("/staff/products/").content.decode()
    assert [p["id"] for p in client.get("/api/v1/products").json()["results"]] == [product_a.pk]


def test_a_producer_edits_its_own_products_but_cannot_create_producers(as_user, producer_user, product_a, producer_b):
    client = as_user(producer_user)
    assert client.get("/staff/producers/add/").status_code == 403
    response = client.post(
        "/staff/products/add/",
        {"producer": producer_b.pk, "product_set": 7, "name": "Lấn sân", "status": "draft"},
    )
    assert response.status_code == 200  # producer B is not a valid choice
    assert not Product.objects.filter(name="Lấn sân").exists()
    response = client.post(
        "/staff/products/add/",
        {"producer": product_a.producer_id, "product_set": 7, "name": "Điều mới", "status": "draft"},
    )
    assert response.status_code == 302


def test_a_viewer_reads_but_cannot_change(as_user, viewer, producer_a):
    client = as_user(viewer)
    assert client.get(f"/staff/producers/{producer_a.pk}/").status_code == 200
    assert client.get(f"/staff/producers/{producer_a.pk}/edit/").status_code == 403
    assert client.post(f"/staff/producers/{producer_a.pk}/delete/").status_code == 403


def test_the_province_office_sees_both_old_maps_in_its_new_province(as_user, province_officer, producer_a, producer_b):
    client = as_user(province_officer)
    ids = {p["id"] for p in client.get("/api/v1/producers").json()["results"]}
    assert ids == {producer_a.pk, producer_b.pk}


def test_another_province_sees_nothing(as_user, outsider_officer, producer_a):
    client = as_user(outsider_officer)
    assert client.get(f"/staff/producers/{producer_a.pk}/").status_code == 404
    assert client.get("/api/v1/producers").json()["count"] == 0


def test_a_user_without_a_role_sees_nothing(client, producer_a):
    client.force_login(User.objects.create_user("norole"))
    assert client.get(f"/staff/producers/{producer_a.pk}/").status_code == 404
    assert client.get("/api/v1/producers").json()["count"] == 0


def test_anonymous_visitors_are_sent_to_log_in_and_the_api_says_401(client, producer_a):
    response = client.get("/staff/producers/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    response = client.get("/api/v1/producers")
    assert response.status_code == 401
    assert "detail" in response.json()


def test_tokens_carry_the_same_scope(client, officer_b, producer_a, producer_b):
    _token, key = ApiToken.issue(officer_b, "script")
    headers = {"Authorization": f"Bearer {key}"}
    assert client.get(f"/api/v1/producers/{producer_b.pk}", headers=headers).status_code == 200
    assert client.get(f"/api/v1/producers/{producer_a.pk}", headers=headers).status_code == 404
    assert client.get("/api/v1/producers", headers={"Authorization": "Bearer wrong"}).status_code == 401
    ApiToken.objects.update(revoked=True)
    assert client.get("/api/v1/producers", headers=headers).status_code == 401


def test_product_scope_follows_the_producer(as_user, officer_b, product_a, producer_b):
    other = make_product(producer_b, "Tiêu sọ Minh Hưng", product_set=10)
    client = as_user(officer_b)
    assert client.get(f"/staff/products/{other.pk}/").status_code == 200
    assert client.get(f"/staff/products/{product_a.pk}/edit/").status_code == 404
    assert client.get(f"/staff/products/{product_a.pk}/photos/add/").status_code == 404
