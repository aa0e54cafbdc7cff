"""RSS 2.0 and Atom feeds of the published articles (newest first)."""

import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from ocop.stories.models import Article

FEED_SIZE = 20


class ArticleFeed(Feed):
    title = _("OCOP programme: stories and news")
    link = reverse_lazy("stories:list")
    description = _("News, topics and product stories of the province's OCOP programme.")

    def items(self) -> list[Article]:
        return list(Article.objects.published()[:FEED_SIZE])

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return item.summary or Truncator(strip_tags(item.body)).words(60)

    def item_link(self, item: Article) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Article) -> datetime.datetime:
        return item.publish_at

    def item_updateddate(self, item: Article) -> datetime.datetime:
        return max(item.updated_at, item.publish_at)

    def item_categories(self, item: Article) -> list[str]:
        return [str(item.get_kind_display())]


class AtomArticleFeed(ArticleFeed):
    feed_type = Atom1Feed
    subtitle = ArticleFeed.description
