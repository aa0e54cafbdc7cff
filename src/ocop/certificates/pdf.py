"""The certificate and the recognition decision as PDFs: HTML + CSS through WeasyPrint, with the platform's
packaged font (the same on every machine) and a QR code of the public verification page. Places and the
issuing authority are named as on the document's date (places.addresses_on, certificates.authority)."""

import base64
import io
from typing import Any

import qrcode
import qrcode.image.svg
from django.template.loader import render_to_string
from weasyprint import HTML

from ocop.certificates.authority import issuing_authority
from ocop.certificates.lifecycle import VALIDITY_MONTHS
from ocop.certificates.models import Certificate
from ocop.core.fonts import font_faces
from ocop.registry.queries import producer_address_on, producer_addresses_on


def qr_data_uri(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=1)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def certificate_context(certificate: Certificate) -> dict[str, Any]:
    """What the certificate says about places: the producer's address on the day it was issued, and who
    decided, named as on the decision's day."""
    producer = certificate.product.producer
    decided_where = producer_address_on(producer, certificate.decision_date)
    return {
        "address": producer_address_on(producer, certificate.issued_on),
        "authority": issuing_authority(certificate.deciding_level, decided_where),
    }


def certificate_pdf(certificate: Certificate, verify_url: str) -> bytes:
    html = render_to_string(
        "certificates/certificate_pdf.html",
        {
            "c": certificate,
            **certificate_context(certificate),
            "font_faces": font_faces(),
            "qr": qr_data_uri(verify_url),
            "verify_url": verify_url,
        },
    )
    return HTML(string=html).write_pdf()


def decision_context(certificates: list[Certificate]) -> dict[str, Any]:
    """One recognition decision (a number and a date) and the products it recognises, in the annex."""
    first = certificates[0]
    day = first.decision_date
    addresses = producer_addresses_on({c.product.producer for c in certificates}, day)
    return {
        "decision": first,
        "authority": issuing_authority(first.deciding_level, addresses[first.product.producer_id]),
        "rows": [(c, addresses[c.product.producer_id]) for c in certificates],
        "validity_months": VALIDITY_MONTHS,
    }


def decision_pdf(certificates: list[Certificate]) -> bytes:
    """`certificates`: those of one decision, in the annex's order."""
    html = render_to_string(
        "certificates/decision_pdf.html", {**decision_context(certificates), "font_faces": font_faces()}
    )
    return HTML(string=html).write_pdf()
