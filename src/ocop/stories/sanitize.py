"""The one gate for article HTML: whatever the editor, the admin or an import sends, only this markup is kept.

nh3 (Rust's ammonia) parses the fragment as a browser would and rebuilds it from an allow-list, so malformed
or nested tricks cannot smuggle markup through. Used in the form's clean, in `Article.save` and again when a
body is rendered (defence in depth: rows written without `save()` are still shown safely).
"""

import re
from urllib.parse import urlsplit

import nh3

TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "h2", "h3", "h4", "ul", "ol", "li", "blockquote",
    "a", "img", "figure", "figcaption",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "width", "height"}}
LINK_SCHEMES = {"http", "https", "mailto"}
IMAGE_SCHEMES = {"http", "https"}  # or a relative URL (our own media)
MAX_DIMENSION = 4000
EMPTY_PARAGRAPHS = re.compile(r"<p>(?:\s|<br>)*</p>")  # left by the editor around lists and quotes


def _scheme(value: str) -> str | None:
    """The URL's scheme in lower case ('' when relative), None when it cannot be parsed."""
    try:
        return urlsplit(value.strip()).scheme.lower()
    except ValueError:
        return None


def _attribute(tag: str, name: str, value: str) -> str | None:
    if name == "href":  # links: http(s), mailto, or a path on this site ("/san-pham/12/", never "//host")
        value = value.strip()
        on_site = _scheme(value) == "" and value.startswith("/") and not value.startswith("//")
        return value if on_site or _scheme(value) in LINK_SCHEMES else None
    if name == "src":  # images: http(s) or relative; never data:, javascript: or mailto:
        scheme = _scheme(value)
        return value if scheme == "" or scheme in IMAGE_SCHEMES else None
    if name in ("width", "height"):
        return value if value.isdigit() and 0 < int(value) <= MAX_DIMENSION else None
    return value


_cleaner = nh3.Cleaner(
    tags=TAGS,
    clean_content_tags={"script", "style"},  # dropped with their content, not just unwrapped
    attributes=ATTRIBUTES,
    attribute_filter=_attribute,
    link_rel="nofollow noopener",
    url_schemes=LINK_SCHEMES,
    set_tag_attribute_values={"img": {"loading": "lazy"}},
    strip_comments=True,
)


def sanitize(html: str | None) -> str:
    """The safe version of an article body. Idempotent: sanitising twice changes nothing."""
    if not html:
        return ""
    return EMPTY_PARAGRAPHS.sub("", _cleaner.clean(html)).strip()
