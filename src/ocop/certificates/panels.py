"""What the certificates app adds to the registry's pages and lists, which know nothing of it (core/panels.py):
a product's stars among its facts, and the `current_stars` column of product lists."""

from typing import Any

from django.http import HttpRequest

from ocop.certificates.queries import current_certificate, with_current_stars
from ocop.core.panels import register_annotation, register_panel


def stars_panel(request: HttpRequest, product: Any) -> dict[str, Any]:
    return {"certificate": current_certificate(product.pk)}


def register() -> None:
    register_panel("registry.product", "certificates/panels/product_stars.html", stars_panel, slot="facts", order=10)
    register_annotation("registry.product", with_current_stars)
