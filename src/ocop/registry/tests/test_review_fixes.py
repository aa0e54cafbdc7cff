"""Defects found in review, each pinned by a test in the user's voice."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from conftest import make_user
from ocop.core.choices import RoleKind
from ocop.core.models import ChangeLog
from ocop.core.text import fold
from ocop.registry.models import Credential, ProductPhoto

pytestmark = pytest.mark.django_db


def test_renaming_a_producer_keeps_its_products_findable_by_the_new_name(as_user, province_officer, product_a):
    producer = product_a.producer
    producer.name = "HTX Hồ Tiêu Bình Long"
    producer.save()
    client = as_user(province_officer)
    assert client.get("/api/v1/products", {"q": "ho tieu"}).json()["count"] == 1
    assert client.get("/api/v1/products", {"q": "tan lap"}).json()["count"] == 1  # the product's own name
    assert not ChangeLog.objects.filter(content_type__model="product", action="update").exists()


def test_moving_a_product_to_another_producer_unlinks_the_old_producers_credentials(
    as_user, province_officer, product_a, producer_b
):
    credential = Credential.objects.create(producer=product_a.producer, product=product_a, kind="vietgap")
    data = {"producer": producer_b.pk, "product_set": 7, "name": product_a.name, "status": "active"}
    assert as_user(province_officer).post(f"/staff/products/{product_a.pk}/edit/", data).status_code == 302
    credential.refresh_from_db()
    assert credential.product is None
    assert ChangeLog.objects.filter(content_type__model="credential", action="update", user=province_officer).exists()


def test_a_decompression_bomb_is_refused_before_it_is_decoded(as_user, province_officer, product_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    out = io.BytesIO()
    Image.new("L", (9000, 9000)).save(out, format="PNG")
    upload = SimpleUploadedFile("bomb.png", out.getvalue(), content_type="image/png")
    response = as_user(province_officer).post(
        f"/staff/products/{product_a.pk}/photos/add/", {"image": upload, "position": 0}
    )
    assert response.status_code == 200 and "megapixel" in response.content.decode()
    assert not ProductPhoto.objects.exists()


def test_a_deleted_photo_takes_its_file_with_it(
    as_user, province_officer, product_a, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    out = io.BytesIO()
    Image.new("RGB", (50, 50)).save(out, format="PNG")
    client = as_user(province_officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/staff/products/{product_a.pk}/photos/add/",
            {"image": SimpleUploadedFile("a.png", out.getvalue()), "position": 0},
        )
    photo = ProductPhoto.objects.get()
    path = photo.image.path
    assert "a.png" not in path and path.endswith(".jpg")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/staff/products/{product_a.pk}/photos/{photo.pk}/delete/").status_code == 302
    assert not __import__("os").path.exists(path)


def test_role_changes_are_in_the_change_log(producer_a):
    user = make_user("coso_moi", RoleKind.PRODUCER, producer=producer_a)
    entry = ChangeLog.objects.get(content_type__model="role", action="create")
    assert entry.producer_id == producer_a.pk and str(user.pk) == str(entry.after["user_id"])


def test_a_record_moved_into_my_commune_shows_its_whole_history(as_user, officer_b, producer_a, commune_b):
    import datetime as dt

    from ocop.registry.services import record_address

    record_address(producer_a, commune_b, "Ấp 1", dt.date(2024, 1, 1))
    created = ChangeLog.objects.get(content_type__model="producer", object_id=str(producer_a.pk), action="create")
    assert as_user(officer_b).get(f"/staff/history/{created.pk}/").status_code == 200


def test_the_client_cannot_choose_the_change_group(as_user, province_officer, producer_a):
    forged = "11111111-1111-1111-1111-111111111111"
    client = as_user(province_officer)
    client.post(
        f"/staff/producers/{producer_a.pk}/workforce/add/",
        {"year": 2024, "workers": 3, "trained_workers": 1, "local_workers": 1},
        headers={"X-Request-ID": forged},
    )
    assert not ChangeLog.objects.filter(group_id=forged).exists()


def test_legacy_encodings_of_the_letter_d_are_folded():
    assert fold("Ðiều") == fold("Điều") == "dieu"


def test_out_of_range_numbers_get_the_same_message_on_every_database(as_user, province_officer, producer_a):
    data = {
        "producer": producer_a.pk,
        "product_set": 26,
        "name": "Du lịch",
        "status": "draft",
        "tourism_capacity": 99999999999,
    }
    response = as_user(province_officer).post("/staff/products/add/", data)
    assert response.status_code == 200
