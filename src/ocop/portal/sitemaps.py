import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control

from ocop.core.panels import hooks
from ocop.portal.models import CatalogueEntry
from ocop.portal.views import slug_for


class ProductSitemap(Sitemap):
    changefreq = "weekly"
    limit = 10_000

    def items(self) -> list:
        return CatalogueEntry.objects.public(timezone.localdate()).only("product_id", "name", "refreshed_at")

    def location(self, entry: CatalogueEntry) -> str:
        return reverse("portal:product", args=[entry.product_id, slug_for(entry.name)])

    def lastmod(self, entry: CatalogueEntry) -> datetime.datetime:
        return entry.refreshed_at


class PageSitemap(Sitemap):
    changefreq = "daily"

    def items(self) -> list[str]:
        return ["portal:home", "portal:catalogue", "portal:map", "portal:open_data", "certificates:verify"]

    def location(self, name: str) -> str:
        return reverse(name)


class OnThePublicAddress:
    """A sitemap's links on OCOP_SITE_URL when it is set (core/site.py), not on the Host the request named."""

    def get_domain(self, site: object = None) -> str:
        if settings.OCOP_SITE_URL:
            return urlsplit(settings.OCOP_SITE_URL).netloc
        return super().get_domain(site)  # type: ignore[misc]

    def get_protocol(self, protocol: str | None = None) -> str:
        if settings.OCOP_SITE_URL:
            return urlsplit(settings.OCOP_SITE_URL).scheme
        return super().get_protocol(protocol)  # type: ignore[misc]


def all_sitemaps() -> dict[str, type[Sitemap]]:
    """The portal's own sections, then those other apps add by the "sitemaps" hook (the stories), each on the
    public address."""
    found: dict[str, type[Sitemap]] = {"pages": PageSitemap, "products": ProductSitemap}
    for hook in hooks("sitemaps"):
        found.update(hook())
    return {name: type(cls.__name__, (OnThePublicAddress, cls), {}) for name, cls in found.items()}


@cache_control(public=True, max_age=3600)
def sitemap_xml(request: HttpRequest) -> HttpResponse:
    return sitemap(request, sitemaps=all_sitemaps())
