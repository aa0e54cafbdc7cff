"""Photos, their renditions and the media folder go through Django's STORAGES, never a path on one machine:
with a store that has no folder at all (Django's in-memory storage, standing in for an S3-compatible one shared
by every node), the whole round trip still works and nothing lands under MEDIA_ROOT."""

import io
import re

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from ocop.portal.tests.kit import certified
from ocop.registry.images import reencode
from ocop.registry.models import ProductPhoto

pytestmark = pytest.mark.django_db


@pytest.fixture
def storage_without_folders(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    return settings.MEDIA_ROOT


def test_photos_and_renditions_are_stored_and_served_through_the_storage(client, producer_a, storage_without_folders):
    dieu = certified(producer_a, "Hạt điều rang muối", stars=4)
    out = io.BytesIO()
    Image.new("RGB", (1600, 1200), (200, 120, 40)).save(out, format="PNG")
    upload = ContentFile(out.getvalue(), name="p.png")
    upload.size = len(out.getvalue())
    photo = ProductPhoto.objects.create(product=dieu, image=reencode(upload), alt_text="Hộp điều")

    listing = client.get("/san-pham/").content.decode()
    url = re.search(r'src="(/anh/[^"]+/320/[^"]+\.jpg)"', listing).group(1)
    for _ in range(2):  # made and stored, then read back from the storage
        response = client.get(url)
        assert response.status_code == 200
        assert Image.open(io.BytesIO(b"".join(response.streaming_content))).width == 320
    assert photo.image.storage.exists(f"renditions/320/{photo.image.name.rsplit('/', 1)[1]}")

    original = client.get(f"/media/{photo.image.name}")
    assert original.status_code == 200
    assert Image.open(io.BytesIO(b"".join(original.streaming_content))).width == 1600
    assert client.get("/media/products/../renditions/320/x.jpg").status_code == 404
    assert not storage_without_folders.exists()  # nothing written to this machine's folder
