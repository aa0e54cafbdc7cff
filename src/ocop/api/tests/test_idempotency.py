"""`Idempotency-Key`: the same request again gets the first answer and does nothing twice; the same key with
another body is refused (422) with nothing done; a refused request leaves the key free."""

import pytest

from ocop.api.models import IdempotentRequest
from ocop.api.tests.test_writes import call, new_producer
from ocop.core.models import ChangeLog
from ocop.registry.models import Producer

pytestmark = pytest.mark.django_db


def test_a_replay_answers_the_first_answer_and_adds_nothing(province_officer, commune_a):
    body = new_producer(commune_a)
    first = call(province_officer, "POST", "producers", body, **{"Idempotency-Key": "k-1"})
    assert first.status_code == 200, first.content
    changes = ChangeLog.objects.count()
    again = call(province_officer, "POST", "producers", body, **{"Idempotency-Key": "k-1"})
    assert again.status_code == 200 and again.content == first.content
    assert again["Idempotent-Replayed"] == "true" and again["ETag"] == first["ETag"]
    assert Producer.objects.filter(tax_code=body["tax_code"]).count() == 1
    assert ChangeLog.objects.count() == changes


def test_the_same_key_with_another_body_is_refused_and_nothing_is_done(province_officer, commune_a):
    body = new_producer(commune_a)
    assert call(province_officer, "POST", "producers", body, **{"Idempotency-Key": "k-2"}).status_code == 200
    other = {**body, "tax_code": "3809990002", "name": "Một cơ sở khác"}
    response = call(province_officer, "POST", "producers", other, **{"Idempotency-Key": "k-2"})
    assert response.status_code == 422
    assert "Idempotency-Key" in response.json()["detail"]
    assert not Producer.objects.filter(tax_code="3809990002").exists()
    # the same key on another operation is another request too
    product = {"producer": Producer.objects.get(tax_code=body["tax_code"]).pk, "product_set": 7, "name": "Mật ong"}
    assert call(province_officer, "POST", "products", product, **{"Idempotency-Key": "k-2"}).status_code == 422


def test_a_refused_request_leaves_the_key_free(province_officer, commune_a):
    body = new_producer(commune_a)
    bad = call(province_officer, "POST", "producers", {**body, "name": ""}, **{"Idempotency-Key": "k-3"})
    assert bad.status_code == 400
    assert not IdempotentRequest.objects.filter(key="k-3").exists()
    assert call(province_officer, "POST", "producers", body, **{"Idempotency-Key": "k-3"}).status_code == 200


def test_keys_belong_to_their_caller(province_officer, officer_a, commune_a):
    body = new_producer(commune_a)
    assert call(province_officer, "POST", "producers", body, **{"Idempotency-Key": "k-4"}).status_code == 200
    other = {**body, "tax_code": "3809990003"}
    response = call(officer_a, "POST", "producers", other, **{"Idempotency-Key": "k-4"})
    assert response.status_code == 200 and "Idempotent-Replayed" not in response


def test_an_unreadable_key_is_refused(province_officer, commune_a):
    response = call(province_officer, "POST", "producers", new_producer(commune_a), **{"Idempotency-Key": "x" * 300})
    assert response.status_code == 400 and not Producer.objects.filter(tax_code="3809990001").exists()


def test_a_keys_answer_is_forgotten_after_its_day(province_officer, commune_a):
    """Kept answers hold what the request returned (a webhook's secret, a producer's details): after KEPT_FOR the
    daily run deletes them, and the key serves a new request."""
    import datetime

    from django.utils import timezone

    from ocop.api.idempotency import KEPT_FOR, forget_old_keys

    body = new_producer(commune_a)
    assert call(province_officer, "POST", "producers", body, **{"Idempotency-Key": "k-9"}).status_code == 200
    IdempotentRequest.objects.update(created_at=timezone.now() - KEPT_FOR - datetime.timedelta(minutes=1))
    other = {**body, "tax_code": "3809990009", "name": "Cơ sở mới"}
    response = call(province_officer, "POST", "producers", other, **{"Idempotency-Key": "k-9"})
    assert response.status_code == 200 and "Idempotent-Replayed" not in response  # a new request, not a 422
    IdempotentRequest.objects.update(created_at=timezone.now() - KEPT_FOR - datetime.timedelta(minutes=1))
    assert forget_old_keys(timezone.localdate()) == 1 and not IdempotentRequest.objects.exists()
