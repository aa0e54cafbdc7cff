"""What the portal adds to the staff pages, which know nothing of it (core/panels.py): the link from a product's
page to its public page, when the catalogue shows it; the open misuse reports atop the certificates' worklist."""

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from ocop.core.panels import register_hook, register_panel
from ocop.monitoring.panels import misuse_panel as inspections_of_report
from ocop.monitoring.panels import public_note as revoked_after_inspection
from ocop.portal import misuse
from ocop.portal.models import CatalogueEntry


def public_link_panel(request: HttpRequest, product: Any) -> dict[str, Any] | None:
    return {} if CatalogueEntry.objects.filter(pk=product.pk).exists() else None


def misuse_panel(request: HttpRequest, page: None) -> dict[str, Any] | None:
    if not misuse.may_handle(request.user):
        return None
    return {"misuse_reports": misuse.open_reports(request.user)[:50]}


def public_pages(products: list, producers: list) -> dict[str, set[int]]:
    """Which of these products and producers have a public page today (the "public_pages" hook)."""
    linked = Q(product_id__in=[p.pk for p in products]) | Q(producer_id__in=[p.pk for p in producers])
    entries = CatalogueEntry.objects.public(timezone.localdate()).filter(linked)
    rows = list(entries.order_by().values_list("product_id", "producer_id"))
    return {"products": {row[0] for row in rows}, "producers": {row[1] for row in rows}}


def register() -> None:
    register_hook("public_pages", public_pages)
    register_panel("certificates.worklist", "portal/panels/worklist_misuse.html", misuse_panel, slot="alerts")
    register_panel("registry.product", "portal/panels/product_link.html", public_link_panel, slot="links")
    # Monitoring (below the portal): the inspections opened from a misuse report, with "open an inspection"; the
    # public note of a certificate revoked after an inspection, inside the product page's certificate box.
    register_panel("portal.misusereport", "monitoring/panels/misuse.html", inspections_of_report, order=10)
    register_panel("portal.product", "monitoring/panels/public_note.html", revoked_after_inspection, slot="certificate")
