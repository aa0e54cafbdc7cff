"""The stories' section of the portal's sitemap, added through the "sitemaps" hook (core/panels.py)."""

import datetime

from django.contrib.sitemaps import Sitemap

from ocop.stories.models import Article


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    limit = 10_000

    def items(self) -> list:
        return Article.objects.published().only("slug", "updated_at", "publish_at")

    def lastmod(self, article: Article) -> datetime.datetime:
        return max(article.updated_at, article.publish_at)


def sitemaps() -> dict[str, type[Sitemap]]:
    return {"stories": ArticleSitemap}
