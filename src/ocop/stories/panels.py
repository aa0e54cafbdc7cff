"""What the stories add to the portal's pages, which know nothing of them (core/panels.py): the latest stories
on the home page, the stories about a product or a producer on theirs; the stories' sitemap section; and a
signal when an article changes, so the portal's cached pages follow (core/signals.py)."""

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest

from ocop.core.panels import register_hook, register_panel
from ocop.core.signals import published_changed
from ocop.stories import sitemaps
from ocop.stories.models import Article
from ocop.stories.queries import latest_published, published_about


def home_panel(request: HttpRequest, page: None) -> dict[str, Any]:
    return {"stories": latest_published(3)}


def product_panel(request: HttpRequest, product: Any) -> dict[str, Any]:
    return {"stories": published_about(product=product)}


def producer_panel(request: HttpRequest, producer: Any) -> dict[str, Any]:
    return {"stories": published_about(producer=producer)}


def _changed(sender: type, **kwargs: Any) -> None:
    published_changed.send(sender=sender)


def register() -> None:
    register_panel("portal.home", "stories/panels/portal_home.html", home_panel, slot="stories")
    register_panel("portal.product", "stories/panels/portal_product.html", product_panel, slot="stories")
    register_panel("portal.producer", "stories/panels/portal_producer.html", producer_panel, slot="stories")
    register_hook("sitemaps", sitemaps.sitemaps)
    post_save.connect(_changed, sender=Article, dispatch_uid="stories-published-save")
    post_delete.connect(_changed, sender=Article, dispatch_uid="stories-published-delete")
