"""API writes under the pages' rules: the rights table (another province's record reads 404, a producer changes
only its own, a viewer is refused), the pages' forms (a refused body changes nothing, Vietnamese messages),
`If-Match` (a stale write is 409) and the change log (the token's user, source "api")."""

import base64
import io
import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from PIL import Image

from ocop.core.models import ApiToken, ChangeLog
from ocop.registry.models import Producer, Product, Workforce

pytestmark = pytest.mark.django_db


def key_of(user) -> str:
    """One token per person and test (kept on the user object, which each test builds anew)."""
    if not hasattr(user, "test_key"):
        user.test_key = ApiToken.issue(user, "test")[1]
    return user.test_key


def call(user, method: str, path: str, body: dict | None = None, **headers: str):
    key = key_of(user)
    client = Client()
    return client.generic(
        method,
        f"/api/v1/{path}",
        data=None if body is None else json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {key}", **headers},
    )


def new_producer(commune) -> dict:
    return {
        "name": "HTX Mật ong Đồng Phú",
        "legal_form": "cooperative",
        "tax_code": "3809990001",
        "representative_name": "Trần Văn Bình",
        "representative_gender": "male",
        "representative_ethnicity": "01",
        "commune": commune.pk,
        "address": "Ấp 3",
        "address_since": "2024-01-01",
    }


def test_an_office_adds_a_producer_logged_as_its_token_user_from_the_api(province_officer, commune_a):
    response = call(province_officer, "POST", "producers", new_producer(commune_a))
    assert response.status_code == 200, response.content
    producer = Producer.objects.get(tax_code="3809990001")
    assert response.json()["id"] == producer.pk and response["ETag"]
    entry = ChangeLog.objects.get(content_type=ContentType.objects.get_for_model(Producer), object_id=str(producer.pk))
    assert (entry.user, entry.source, entry.action) == (province_officer, "api", "create")


def test_a_refused_body_changes_nothing_and_says_why_in_vietnamese(province_officer, commune_a):
    body = {**new_producer(commune_a), "tax_code": "abc", "name": ""}
    key_of(province_officer)
    before = ChangeLog.objects.count()
    response = call(province_officer, "POST", "producers", body)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert {"tax_code", "name"} <= set(errors) and "bắt buộc" in errors["name"]
    assert ChangeLog.objects.count() == before and not Producer.objects.filter(tax_code="abc").exists()


def test_another_provinces_record_reads_404_and_stays_as_it_was(outsider_officer, producer_a):
    response = call(outsider_officer, "PATCH", f"producers/{producer_a.pk}", {"name": "Chiếm"})
    assert response.status_code == 404
    assert call(outsider_officer, "PATCH", "producers/999999999", {"name": "Chiếm"}).status_code == 404
    producer_a.refresh_from_db()
    assert producer_a.name == "HTX Điều Tân Lập"


def test_a_producer_changes_only_its_own(producer_user, producer_a, producer_b, product_a, draft_b):
    assert call(producer_user, "PATCH", f"products/{product_a.pk}", {"price": "120000"}).status_code == 200
    assert call(producer_user, "PATCH", f"products/{draft_b.pk}", {"price": "1"}).status_code == 404
    product_a.refresh_from_db()
    draft_b.refresh_from_db()
    assert product_a.price == 120000 and draft_b.price is None
    # adding a product to another producer: the form offers only its own
    body = {"producer": producer_b.pk, "product_set": 7, "name": "Lấn sân"}
    response = call(producer_user, "POST", "products", body)
    assert response.status_code == 400 and "producer" in response.json()["errors"]
    assert not Product.objects.filter(name="Lấn sân").exists()


def test_a_viewer_is_refused_before_the_body_is_read(viewer, producer_a, commune_a):
    assert call(viewer, "POST", "producers", new_producer(commune_a)).status_code == 403
    assert call(viewer, "POST", "producers", {"name": 5}).status_code == 403  # not a 400 that would say more
    assert call(viewer, "PATCH", f"producers/{producer_a.pk}", {"name": "X"}).status_code == 403
    assert not Producer.objects.filter(tax_code="3809990001").exists()


def test_a_stale_if_match_is_409_with_who_changed_what(province_officer, officer_a, producer_a):
    etag = call(province_officer, "GET", f"producers/{producer_a.pk}")["ETag"]
    assert call(officer_a, "PATCH", f"producers/{producer_a.pk}", {"phone": "0271 3888 999"}, **{"If-Match": etag})
    response = call(province_officer, "PATCH", f"producers/{producer_a.pk}", {"name": "Tên mới"}, **{"If-Match": etag})
    assert response.status_code == 409
    assert "xa_a" in response.json()["detail"]
    producer_a.refresh_from_db()
    assert producer_a.name == "HTX Điều Tân Lập"
    fresh = call(province_officer, "GET", f"producers/{producer_a.pk}")["ETag"]
    response = call(province_officer, "PATCH", f"producers/{producer_a.pk}", {"name": "Tên mới"}, **{"If-Match": fresh})
    assert response.status_code == 200 and response["ETag"] != fresh


def test_workforce_and_photos_under_the_producers_rights(producer_user, producer_a, product_a, draft_b):
    response = call(
        producer_user,
        "POST",
        f"producers/{producer_a.pk}/workforce",
        {"year": 2024, "workers": 12, "trained_workers": 4, "local_workers": 10},
    )
    assert response.status_code == 200, response.content
    assert Workforce.objects.get(producer=producer_a, year=2024).workers == 12
    again = call(
        producer_user,
        "POST",
        f"producers/{producer_a.pk}/workforce",
        {"year": 2024, "workers": 3, "trained_workers": 0, "local_workers": 0},
    )
    assert again.status_code == 400  # one record per year: the form's own message
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(buffer, "JPEG")
    photo = {"image": base64.b64encode(buffer.getvalue()).decode(), "file_name": "hat-dieu.jpg", "alt_text": "Hạt"}
    response = call(producer_user, "POST", f"products/{product_a.pk}/photos", photo)
    assert response.status_code == 200, response.content
    assert call(producer_user, "POST", f"products/{draft_b.pk}/photos", photo).status_code == 404
    bad = call(producer_user, "POST", f"products/{product_a.pk}/photos", {**photo, "image": "bm90IGFuIGltYWdl"})
    assert bad.status_code == 400 and product_a.photos.count() == 1


def test_cursor_pages_cover_the_list_once(province_officer, producer_a, producer_b, commune_a):
    seen, cursor = [], ""
    while cursor is not None:
        page = call(province_officer, "GET", f"producers?cursor={cursor}&page_size=1").json()
        seen += [row["id"] for row in page["results"]]
        cursor = page["next_cursor"]
    assert seen == sorted([producer_a.pk, producer_b.pk])
    assert call(province_officer, "GET", "producers?cursor=rubbish").status_code == 400
    assert call(province_officer, "GET", "producers?page=1")["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("body", ["[]", '"Chiếm"', "3", "null", '[{"name": "Chiếm"}]', "true"])
def test_a_body_that_is_not_a_json_object_is_refused_and_changes_nothing(province_officer, producer_a, body):
    key = key_of(province_officer)
    before = ChangeLog.objects.count()
    for method, path in (("PATCH", f"producers/{producer_a.pk}"), ("POST", "producers")):
        response = Client().generic(
            method,
            f"/api/v1/{path}",
            data=body,
            content_type="application/json",
            headers={"Authorization": f"Bearer {key}"},
        )
        assert response.status_code == 400, (method, body, response.content)
        assert "đối tượng JSON" in response.json()["detail"]
    assert ChangeLog.objects.count() == before


def test_a_body_that_is_not_json_is_refused_in_vietnamese(province_officer, producer_a):
    response = Client().generic(
        "PATCH",
        f"/api/v1/producers/{producer_a.pk}",
        data=b'{"name": "Chi\xe1',
        content_type="application/json",
        headers={"Authorization": f"Bearer {key_of(province_officer)}"},
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "Nội dung yêu cầu không phải JSON hợp lệ: chưa có gì được lưu."


@pytest.mark.parametrize(
    "body",
    [b"[" * 100_000, b'{"name": ' * 50_000, b"", b"\xff\xfe\xff", b"1" * 5000, b"{}"],
    ids=["deep-list", "deep-object", "empty", "not-utf8", "huge-int", "empty-object"],
)
def test_odd_bodies_are_answered_in_vietnamese_never_a_500(province_officer, producer_a, body):
    """Nesting past the parser's recursion limit is a RecursionError (not a ValueError): it must still read as
    'not valid JSON' in Vietnamese, not ninja's English 'Cannot parse request body'."""
    key = key_of(province_officer)
    before = ChangeLog.objects.count()
    for method, path in (("PATCH", f"producers/{producer_a.pk}"), ("POST", "producers")):
        response = Client(raise_request_exception=False).generic(
            method,
            f"/api/v1/{path}",
            data=body,
            content_type="application/json",
            headers={"Authorization": f"Bearer {key}"},
        )
        assert response.status_code < 500, (method, body[:20], response.content[:300])
        if response.status_code == 400 and body not in (b"", b"{}"):
            assert response.json()["detail"] == "Nội dung yêu cầu không phải JSON hợp lệ: chưa có gì được lưu."
    assert ChangeLog.objects.count() == before


def test_schema_errors_are_worded_in_vietnamese(province_officer, producer_a):
    key = key_of(province_officer)

    def errors_of(method: str, path: str, body: str) -> dict:
        response = Client().generic(
            method, f"/api/v1/{path}", data=body, content_type="application/json",
            headers={"Authorization": f"Bearer {key}"},
        )  # fmt: skip
        assert response.status_code == 400, response.content
        return response.json()["errors"]

    wrong_types = errors_of("PATCH", f"producers/{producer_a.pk}", '{"name": 3, "address_since": "2025-02-30"}')
    assert wrong_types == {"name": "Phải là văn bản.", "address_since": "Phải là một ngày (YYYY-MM-DD)."}
    assert "bắt buộc" in " ".join(errors_of("POST", "producers", "{}").values())
    assert "Input should" not in str(errors_of("PATCH", f"producers/{producer_a.pk}", '{"address_since": "hôm qua"}'))
