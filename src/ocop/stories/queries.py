"""What other pages ask of the stories: the portal's home, product and producer pages."""

from typing import TYPE_CHECKING

from django.db.models import Q

from ocop.stories.models import Article, ArticleQuerySet

if TYPE_CHECKING:
    from ocop.registry.models import Producer, Product

ABOUT_LIMIT = 10


def _public() -> ArticleQuerySet:
    return Article.objects.published().defer("body", "search_text")


def latest_published(n: int) -> list[Article]:
    return list(_public()[: max(n, 0)])


def published_about(*, product: "Product | None" = None, producer: "Producer | None" = None) -> list[Article]:
    """Published articles that name this product or this producer (either, when both are given)."""
    about = Q()
    if product is not None:
        about |= Q(products=product)
    if producer is not None:
        about |= Q(producers=producer)
    if not about:
        return []
    ids = Article.objects.filter(about).values("pk")
    return list(_public().filter(pk__in=ids)[:ABOUT_LIMIT])
