"""Product photos for the portal in a few widths, made once on first request and kept beside the original.

Uploads are already re-encoded JPEGs of at most 2,000 px (registry/images.py); the portal asks for 320, 640
or 1,280 px so that a phone does not download a desktop's photo. The URL carries the stored file's random
stem, so it changes when the photo does and the response can be cached for a year.
"""

from pathlib import Path, PurePosixPath

from django.conf import settings
from django.urls import reverse
from PIL import Image

from ocop.registry.models import ProductPhoto

WIDTHS = (320, 640, 1280)


def stem(photo: ProductPhoto) -> str:
    return PurePosixPath(photo.image.name or "").stem


def url(photo: ProductPhoto, width: int) -> str:
    return reverse("portal:photo", args=[photo.pk, width, stem(photo)])


def rendition(photo: ProductPhoto, width: int) -> Path:
    """The file of `photo` at `width` (never wider than the original), made if missing."""
    target = Path(settings.MEDIA_ROOT) / "renditions" / str(width) / f"{stem(photo)}.jpg"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        with Image.open(photo.image.path) as opened:
            image = opened.convert("RGB")
            if image.width > width:
                image = image.resize((width, round(image.height * width / image.width)), Image.Resampling.LANCZOS)
            partial = target.with_suffix(".part")
            image.save(partial, format="JPEG", quality=80, optimize=True, progressive=True)
            partial.replace(target)  # atomic: a concurrent request never serves half a file
    return target
