"""Certificates (scoped) and public verification."""

import datetime

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Schema

from ocop.certificates import lifecycle, services
from ocop.certificates.filters import CertificateFilter
from ocop.certificates.lifecycle import Status
from ocop.certificates.models import Certificate
from ocop.core.api import LIST, ONE, Page, answers, filtered, page_of
from ocop.core.filters import query_schema

router = Router()
public = Router(auth=None)


class CertificateOut(Schema):
    id: int
    number: str
    product_id: int
    product_name: str
    producer_name: str
    stars: int
    regime: str
    deciding_level: str
    decision_number: str
    decision_date: datetime.date
    issued_on: datetime.date
    valid_until: datetime.date
    extended_until: datetime.date | None
    revoked_on: datetime.date | None
    revocation_ground: str
    product_code: str
    status: str


class CertificatePage(Page):
    results: list[CertificateOut]


class VerificationOut(Schema):
    code: str
    valid: bool
    status: str
    product_name: str
    producer_name: str
    stars: int
    number: str
    decision_number: str
    decision_date: datetime.date
    issued_on: datetime.date
    valid_until: datetime.date
    no_longer_valid_since: datetime.date | None  # revocation, newer certificate, or the day after expiry


def certificate_out(c: Certificate) -> dict:
    return {
        **{f: getattr(c, f) for f in CertificateOut.model_fields if hasattr(c, f) and f not in ("regime", "status")},
        "product_name": c.product.name,
        "producer_name": c.product.producer.name,
        "regime": c.regime.document_number,
        "status": c.status_on(),
    }


def scoped(request: HttpRequest) -> object:
    return Certificate.objects.for_user(request.user).select_related("product__producer", "regime")


@router.get("certificates", response=answers(CertificatePage, *LIST), summary="Certificates in your scope")
def list_certificates(
    request: HttpRequest, filters: Query[query_schema(CertificateFilter)], page: int = 1, page_size: int = 50
) -> dict:
    """Filters: `q`, `unit` (+ `at`), `stars`, `valid_only` (valid on `at`), `sort`."""
    return page_of(request, filtered(request, CertificateFilter, scoped(request)), page, page_size, certificate_out)


@router.get("certificates/{certificate_id}", response=answers(CertificateOut, *ONE))
def certificate_detail(request: HttpRequest, certificate_id: int) -> dict:
    return certificate_out(get_object_or_404(scoped(request), pk=certificate_id))


@public.get("/{code}", response=answers(VerificationOut, 400, 404), summary="Verify a label's code (public)")
def verify(request: HttpRequest, code: str) -> dict:
    certificate = services.find_by_code(code)
    if certificate is None:
        raise Http404
    services.count_scan(certificate)
    facts, today = certificate.facts(), timezone.localdate()
    status = lifecycle.status_on(facts, today)
    return {
        "no_longer_valid_since": lifecycle.invalid_from(facts, today),
        "code": certificate.display_code,
        "valid": status in Status.VALID_STATES,
        "status": status,
        "product_name": certificate.product.name,
        "producer_name": certificate.product.producer.name,
        **{
            f: getattr(certificate, f)
            for f in ("stars", "number", "decision_number", "decision_date", "issued_on", "valid_until")
        },
    }
