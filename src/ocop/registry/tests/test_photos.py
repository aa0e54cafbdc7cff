"""Photo uploads: real images only, under the size limit, re-encoded (metadata stripped)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image

from ocop.registry.models import ProductPhoto

pytestmark = pytest.mark.django_db


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (3000, 1500)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(out, format=fmt)
    return out.getvalue()


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path


def upload(client, product, name: str, content: bytes, content_type: str = "image/png"):
    url = f"/staff/products/{product.pk}/photos/add/"
    data = {
        "image": SimpleUploadedFile(name, content, content_type=content_type),
        "alt_text": "Hộp điều",
        "position": 0,
    }
    return client.post(url, data)


def test_a_real_photo_is_resized_and_re_encoded_as_jpeg(as_user, province_officer, product_a):
    response = upload(as_user(province_officer), product_a, "dieu.png", image_bytes())
    assert response.status_code == 302
    photo = ProductPhoto.objects.get()
    assert photo.image.name.endswith(".jpg")
    assert max(photo.width, photo.height) == 2000
    with Image.open(photo.image.path) as stored:
        assert stored.format == "JPEG"
        assert not stored.getexif()


def test_a_file_that_is_not_an_image_is_refused(as_user, province_officer, product_a):
    response = upload(as_user(province_officer), product_a, "virus.png", b"MZ\x90\x00 not an image")
    assert response.status_code == 200
    assert not ProductPhoto.objects.exists()


@override_settings(OCOP_MAX_PHOTO_BYTES=10_000)
def test_a_photo_over_the_limit_is_refused_with_its_size(as_user, province_officer, product_a):
    response = upload(as_user(province_officer), product_a, "big.bmp", image_bytes("BMP", (400, 400)), "image/bmp")
    assert response.status_code == 200
    assert "MB" in response.content.decode()
    assert not ProductPhoto.objects.exists()
