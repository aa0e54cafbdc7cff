"""Photo uploads: accept only real images under the size limit, re-encode them (drops EXIF/GPS and any
payload hidden in the file), and bound their size."""

import io
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_SIDE = 2000
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
MAX_PIXELS = 40_000_000  # larger than any camera photo we need, far below a decompression bomb


def reencode(upload: UploadedFile) -> ContentFile:
    limit = settings.OCOP_MAX_PHOTO_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("The photo is %(size).1f MB; the limit is %(limit).0f MB.")
            % {"size": upload.size / 1_048_576, "limit": limit / 1_048_576}
        )
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            kind = probe.format
            width, height = probe.size
            probe.verify()
        if kind not in ACCEPTED_FORMATS:
            raise ValidationError(_("This file is not an image we can read (JPEG, PNG, WebP or GIF)."))
        if width * height > MAX_PIXELS:  # refuse before decoding: a small file can unpack to gigabytes
            raise ValidationError(
                _("The photo is %(width)s × %(height)s pixels; the limit is %(limit)s megapixels.")
                % {"width": width, "height": height, "limit": MAX_PIXELS // 1_000_000}
            )
        upload.seek(0)
        with Image.open(upload) as opened:
            opened.load()
            image = ImageOps.exif_transpose(opened).convert("RGB")
            image.thumbnail((MAX_SIDE, MAX_SIDE))
            out = io.BytesIO()
            image.save(out, format="JPEG", quality=85, optimize=True)
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(_("This file is not an image we can read (JPEG, PNG, WebP or GIF).")) from None
    # A random name: stored files are not guessable from the product or the uploader's file name.
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.jpg")
