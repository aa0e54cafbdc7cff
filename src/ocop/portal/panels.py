"""What the portal adds to the staff pages, which know nothing of it (core/panels.py): the link from a product's
page to its public page, when the catalogue shows it; the open misuse reports atop the certificates' worklist."""

from typing import Any

from django.http import HttpRequest

from ocop.core.panels import register_panel
from ocop.portal import misuse
from ocop.portal.models import CatalogueEntry


def public_link_panel(request: HttpRequest, product: Any) -> dict[str, Any] | None:
    return {} if CatalogueEntry.objects.filter(pk=product.pk).exists() else None


def misuse_panel(request: HttpRequest, page: None) -> dict[str, Any] | None:
    if not misuse.may_handle(request.user):
        return None
    return {"misuse_reports": misuse.open_reports(request.user)[:50]}


def register() -> None:
    register_panel("certificates.worklist", "portal/panels/worklist_misuse.html", misuse_panel, slot="alerts")
    register_panel("registry.product", "portal/panels/product_link.html", public_link_panel, slot="links")
