"""What the market shows on the pages of the apps below it, which know nothing of it (core/panels.py): where a
product is sold and the events it was shown at; the events, support and online shops of a producer; in the
certificates' worklist, the products still listed for sale without a valid certificate. It also tells the
certificates app which products are listed for sale (its worklist group, filter and things to do "on_sale")."""

from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils import timezone

from ocop.certificates import queries as certificate_queries
from ocop.certificates.models import Certificate
from ocop.core.panels import register_panel
from ocop.market.queries import active_listings, market_of_producer, market_of_product
from ocop.registry.models import Product


def product_panel(request: HttpRequest, product: Any) -> dict[str, Any]:
    return market_of_product(product)


def producer_panel(request: HttpRequest, producer: Any) -> dict[str, Any]:
    return market_of_producer(producer)


def on_sale_panel(request: HttpRequest, page: None) -> dict[str, Any]:
    """Still on sale without stars: the label may still be on the shelf where these products are listed."""
    today = timezone.localdate()
    lapsed = certificate_queries.due(Certificate.objects.all(), "on_sale", today)
    listings = Prefetch("listings", active_listings(today).select_related("sales_point"), "on_sale_at")
    products = (
        Product.objects.for_user(request.user)
        .filter(pk__in=lapsed.values("product"))
        .select_related("producer__commune")
        .prefetch_related(listings)
        .order_by("name")
    )
    return {"on_sale": products}


def register() -> None:
    certificate_queries.register_listed(active_listings)
    register_panel("certificates.worklist", "market/panels/worklist_on_sale.html", on_sale_panel, slot="lapsed")
    register_panel("registry.product", "market/includes/product_market.html", product_panel, order=20)
    register_panel("registry.producer", "market/includes/producer_market.html", producer_panel, order=20)
