"""What the portal adds to the staff pages, which know nothing of it (core/panels.py): the link from a product's
page to its public page, when the catalogue shows it."""

from typing import Any

from django.http import HttpRequest

from ocop.core.panels import register_panel
from ocop.portal.models import CatalogueEntry


def public_link_panel(request: HttpRequest, product: Any) -> dict[str, Any] | None:
    return {} if CatalogueEntry.objects.filter(pk=product.pk).exists() else None


def register() -> None:
    register_panel("registry.product", "portal/panels/product_link.html", public_link_panel, slot="links")
