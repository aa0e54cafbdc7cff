from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from ocop.portal import photos
from ocop.registry.models import ProductPhoto

register = template.Library()


@register.simple_tag
def photo_img(photo: ProductPhoto, width: int, alt: str = "", eager: bool = False) -> SafeString:
    """A responsive, lazily loaded <img>: the browser picks the width it needs from the srcset."""
    srcset = ", ".join(f"{photos.url(photo, w)} {w}w" for w in photos.WIDTHS)
    height = round(photo.height * width / photo.width) if photo.width else width
    return format_html(
        '<img src="{}" srcset="{}" sizes="(max-width: 600px) 100vw, {}px" width="{}" height="{}" alt="{}"{}>',
        photos.url(photo, width), srcset, width, width, height, photo.alt_text or alt,
        SafeString("") if eager else SafeString(' loading="lazy" decoding="async"'),
    )  # fmt: skip


@register.filter
def star_glyphs(stars: int) -> str:
    return "★" * int(stars or 0)


_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def jsonld(data: dict) -> SafeString:
    """schema.org metadata; escaped so that no text in it can close the script element."""
    import json

    from django.core.serializers.json import DjangoJSONEncoder

    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', SafeString(text))
