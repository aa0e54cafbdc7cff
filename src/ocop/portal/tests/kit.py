"""Shared helpers for the portal's tests: certified products in two communes."""

import datetime

from conftest import make_certificate, make_product
from ocop.registry.choices import ProductStatus
from ocop.registry.models import Product

TODAY = datetime.date.today()


def certified(
    producer, name: str, stars: int = 4, issued: datetime.date | None = None, number: str = "", **fields
) -> Product:
    product = make_product(producer, name, status=ProductStatus.ACTIVE, **fields)
    issued = issued or TODAY - datetime.timedelta(days=100)
    make_certificate(product, number or f"{product.pk:04d}/GCN", issued.isoformat(), stars=stars)
    return product
