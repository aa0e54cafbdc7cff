"""What the registry's pages show of the market: where a product is sold, the events it was at, the support
its producer received. Read through the reverse relations, in a few queries per page."""

import datetime
from typing import Any

from django.db.models import Q, QuerySet

from ocop.market.models import Listing
from ocop.registry.models import Producer, Product


def active_listings(day: datetime.date) -> QuerySet:
    """Listings active on `day` ("started on or before, not ended before") at a sales point open that day."""
    return (
        Listing.objects.filter(since__lte=day)
        .filter(Q(until__isnull=True) | Q(until__gte=day))
        .filter(sales_point__opened_on__lte=day)
        .filter(Q(sales_point__closed_on__isnull=True) | Q(sales_point__closed_on__gte=day))
    )


def open_for_registration(events: QuerySet, day: datetime.date) -> QuerySet:
    """Events producers may still register for on `day`: registration open, not yet over."""
    return events.filter(registration_open=True, ends_on__gte=day)


def market_of_product(product: Product) -> dict[str, Any]:
    # A participation that names no product stands for all the producer's OCOP products (DOMAIN.md §5 #10).
    shown = Q(products=product) | Q(products__isnull=True)
    return {
        "listings": product.listings.select_related("sales_point__unit").order_by("-since"),
        "events": product.producer.participations.filter(shown).select_related("event").distinct()
        .order_by("-event__starts_on"),
        "villages": product.villages.all(),
    }  # fmt: skip


def market_of_producer(producer: Producer) -> dict[str, Any]:
    return {
        "participations": producer.participations.select_related("event").order_by("-event__starts_on"),
        "supports": producer.supports.select_related("activity").order_by("-received_on"),
        "shops": producer.shops.all(),
    }
