"""Dossiers (open, attach evidence, submit) and market records (listings, participations) over the API, with
the pages' services and forms."""

import base64
import datetime

import pytest

from ocop.api.tests.test_writes import call
from ocop.evaluation.models import Dossier
from ocop.market.models import Listing, SalesPoint

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_producer_opens_attaches_and_is_told_what_is_missing(producer_user, product_a, draft_b):
    response = call(producer_user, "POST", "dossiers", {"product": product_a.pk, "kind": "first"})
    assert response.status_code == 200, response.content
    dossier = Dossier.objects.get(pk=response.json()["id"])
    assert dossier.state == "draft"
    assert call(producer_user, "POST", "dossiers", {"product": product_a.pk}).status_code == 400  # one in progress
    assert call(producer_user, "POST", "dossiers", {"product": draft_b.pk}).status_code == 400  # not its product
    evidence = {"file": base64.b64encode(PDF).decode(), "file_name": "giay-phep.pdf", "note": "Giấy phép"}
    response = call(producer_user, "POST", f"dossiers/{dossier.pk}/evidence", evidence)
    assert response.status_code == 200, response.content
    assert dossier.evidence.count() == 1
    fake = {**evidence, "file_name": "giay-phep.pdf", "file": base64.b64encode(b"MZ not a pdf").decode()}
    assert call(producer_user, "POST", f"dossiers/{dossier.pk}/evidence", fake).status_code == 400
    response = call(producer_user, "POST", f"dossiers/{dossier.pk}/submit", {})
    assert response.status_code == 400  # the self-assessment is missing: the page's own check
    dossier.refresh_from_db()
    assert dossier.state == "draft" and dossier.evidence.count() == 1


def test_another_province_and_a_viewer_cannot_touch_a_dossier(outsider_officer, viewer, producer_user, product_a):
    dossier_id = call(producer_user, "POST", "dossiers", {"product": product_a.pk}).json()["id"]
    assert call(outsider_officer, "POST", f"dossiers/{dossier_id}/submit", {}).status_code == 404
    assert call(outsider_officer, "POST", f"dossiers/{dossier_id}/evidence", {}).status_code == 404
    assert call(viewer, "POST", f"dossiers/{dossier_id}/submit", {}).status_code == 403
    assert call(viewer, "POST", "dossiers", {"product": product_a.pk}).status_code == 403


def test_a_producers_listing_waits_for_an_office(producer_user, province_officer, product_a):
    point = SalesPoint.objects.create(
        name="Cửa hàng OCOP Đồng Xoài", kind="ocop_shop", unit=product_a.producer.commune, opened_on="2024-01-01"
    )
    body = {"product": product_a.pk, "sales_point": point.pk, "since": "2024-03-01", "confirmed": True}
    response = call(producer_user, "POST", "market/listings", body)
    assert response.status_code == 200, response.content
    listing = Listing.objects.get(pk=response.json()["id"])
    assert listing.confirmed is False  # a producer proposes; the office confirms
    etag = response["ETag"]
    response = call(
        province_officer, "PATCH", f"market/listings/{listing.pk}", {"confirmed": True}, **{"If-Match": etag}
    )
    assert response.status_code == 200, response.content
    listing.refresh_from_db()
    assert listing.confirmed and listing.since == datetime.date(2024, 3, 1)
    stale = call(producer_user, "PATCH", f"market/listings/{listing.pk}", {"price": "5"}, **{"If-Match": etag})
    assert stale.status_code == 409
