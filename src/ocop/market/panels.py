"""What the market shows on the registry's pages, which know nothing of it (core/panels.py): where a product is
sold and the events it was shown at; the events, support and online shops of a producer."""

from typing import Any

from django.http import HttpRequest

from ocop.core.panels import register_panel
from ocop.market.queries import market_of_producer, market_of_product


def product_panel(request: HttpRequest, product: Any) -> dict[str, Any]:
    return market_of_product(product)


def producer_panel(request: HttpRequest, producer: Any) -> dict[str, Any]:
    return market_of_producer(producer)


def register() -> None:
    register_panel("registry.product", "market/includes/product_market.html", product_panel, order=20)
    register_panel("registry.producer", "market/includes/producer_market.html", producer_panel, order=20)
