"""What monitoring shows on other apps' pages (core/panels.py): a product's inspections on its staff page, the
inspections opened from a misuse report (and the action to open one) on the report's page, and the public note on
the portal's product page when a certificate was revoked after an inspection. The portal, above monitoring,
registers the last two on its own pages; monitoring imports nothing of the portal."""

from typing import Any
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest
from django.urls import reverse

from ocop.core import rights
from ocop.core.panels import register_panel
from ocop.monitoring import queries
from ocop.monitoring.models import Inspection, InspectionPlan


def _may_open(request: HttpRequest) -> bool:
    return rights.may(request.user, "add", Inspection) and rights.may(request.user, "change", InspectionPlan)


def open_url(product_id: int | None, origin: str = "") -> str:
    params = {"product": product_id or ""}
    if origin:
        params.update(origin=origin, kind="ad_hoc")
    return reverse("monitoring:inspection_add") + "?" + urlencode(params)


def product_panel(request: HttpRequest, product: Any) -> dict[str, Any] | None:
    if not rights.may(request.user, "view", Inspection):
        return None
    inspections = Inspection.objects.for_user(request.user).filter(product=product).select_related("plan")
    return {
        "product_inspections": inspections[:20],
        "open_url": open_url(product.pk) if _may_open(request) else "",
    }


def misuse_panel(request: HttpRequest, report: Any) -> dict[str, Any] | None:
    if not rights.may(request.user, "view", Inspection):
        return None
    content_type = ContentType.objects.get_for_model(report)
    inspections = Inspection.objects.for_user(request.user).filter(origin_type=content_type, origin_id=report.pk)
    origin = f"{content_type.app_label}.{content_type.model}:{report.pk}"
    may_open = _may_open(request) and report.product_id is not None
    return {
        "origin_inspections": inspections.select_related("product"),
        "open_url": open_url(report.product_id, origin) if may_open else "",
        "needs_product": report.product_id is None,
    }


def public_note(request: HttpRequest, product: Any) -> dict[str, Any] | None:
    """Anyone: the certificate was revoked after an inspection (date, ground, by whom) — a public fact."""
    revoked = [i.certificate for i in queries.revoked_after_inspection(product.pk)]
    return {"revoked_after_inspection": revoked} if revoked else None


def register() -> None:
    """The registry's product page is below monitoring: monitoring fills its slot. The portal's pages are above it:
    the portal registers `misuse_panel` and `public_note` itself (portal/panels.py)."""
    register_panel("registry.product", "monitoring/panels/product.html", product_panel, order=40)
