"""Absolute links to this site. A link that outlives the request (a QR code printed on a certificate, a row of an
open-data file kept for everyone, a sitemap a search engine keeps) must carry the site's public address, not the
Host the request happened to name: ALLOWED_HOSTS ignores ports, so `Host: ocop.example.vn:1` is accepted."""

from django.conf import settings
from django.http import HttpRequest


def site_url(request: HttpRequest) -> str:
    """The public address without the trailing slash: OCOP_SITE_URL, else the request's own."""
    return settings.OCOP_SITE_URL or request.build_absolute_uri("/").rstrip("/")


def absolute_url(request: HttpRequest, path: str) -> str:
    """`path` ("/san-pham/…") as an absolute link on the public address."""
    return site_url(request) + path if path.startswith("/") else request.build_absolute_uri(path)
