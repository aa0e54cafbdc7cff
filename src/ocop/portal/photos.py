"""Product photos for the portal in a few widths, made once on first request and kept beside the original.

Uploads are already re-encoded JPEGs of at most 2,000 px (registry/images.py); the portal asks for 320, 640
or 1,280 px so that a phone does not download a desktop's photo. The URL carries the stored file's random
stem, so it changes when the photo does and the response can be cached for a year.
"""

import io
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from ocop.registry.models import ProductPhoto

WIDTHS = (320, 640, 1280)
JPEG_END = b"\xff\xd9"


def stem(photo: ProductPhoto) -> str:
    return PurePosixPath(photo.image.name or "").stem


def url(photo: ProductPhoto, width: int) -> str:
    return reverse("portal:photo", args=[photo.pk, width, stem(photo)])


def rendition(photo: ProductPhoto, width: int) -> bytes:
    """The JPEG of `photo` at `width` (never wider than the original), made and stored if missing.

    Through the photo's storage (Django's STORAGES: a folder, or an S3-compatible store shared by every node),
    never a path on this machine. A rendition another request is still writing (not yet ending with JPEG's end
    marker) is made again here rather than served half."""
    storage = photo.image.storage
    name = f"renditions/{width}/{stem(photo)}.jpg"
    if storage.exists(name):
        with storage.open(name, "rb") as kept:
            data = kept.read()
        if data.endswith(JPEG_END):
            return data
    with photo.image.open("rb") as original, Image.open(original) as opened:
        image = opened.convert("RGB")
    if image.width > width:
        image = image.resize((width, round(image.height * width / image.width)), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80, optimize=True, progressive=True)
    data = out.getvalue()
    if not storage.exists(name):
        saved = storage.save(name, ContentFile(data))
        if saved != name:  # another request stored the same rendition first: keep one
            storage.delete(saved)
    return data
