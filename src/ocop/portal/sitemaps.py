import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from ocop.portal.models import CatalogueEntry
from ocop.portal.views import slug_for
from ocop.stories.models import Article


class ProductSitemap(Sitemap):
    changefreq = "weekly"
    limit = 10_000

    def items(self) -> QuerySet[CatalogueEntry]:
        return CatalogueEntry.objects.public(datetime.date.today()).only("product_id", "name", "refreshed_at")

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


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    limit = 10_000

    def items(self) -> QuerySet[Article]:
        return Article.objects.published().only("slug", "updated_at", "publish_at")

    def lastmod(self, article: Article) -> datetime.datetime:
        return max(article.updated_at, article.publish_at)


SITEMAPS = {"pages": PageSitemap, "products": ProductSitemap, "stories": ArticleSitemap}
