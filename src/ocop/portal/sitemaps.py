import datetime

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


def all_sitemaps() -> dict[str, type[Sitemap]]:
    """The portal's own sections, then those other apps add by the "sitemaps" hook (the stories)."""
    found: dict[str, type[Sitemap]] = {"pages": PageSitemap, "products": ProductSitemap}
    for hook in hooks("sitemaps"):
        found.update(hook())
    return found


@cache_control(public=True, max_age=3600)
def sitemap_xml(request: HttpRequest) -> HttpResponse:
    return sitemap(request, sitemaps=all_sitemaps())
