"""The certificate as a PDF: HTML + CSS through WeasyPrint, with the packaged Be Vietnam Pro font (the same
on every machine) and a QR code of the public verification page."""

import base64
import io

import fontpkg
import qrcode
import qrcode.image.svg
from django.template.loader import render_to_string
from weasyprint import HTML

from ocop.certificates.models import Certificate


def font_faces() -> str:
    faces = []
    for weight in (400, 700):
        path = fontpkg.path("Be Vietnam Pro", weight=weight)
        faces.append(
            f"@font-face {{ font-family: 'Be Vietnam Pro'; font-weight: {weight}; src: url('{path.as_uri()}'); }}"
        )
    return "\n".join(faces)


def qr_data_uri(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=1)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def certificate_pdf(certificate: Certificate, verify_url: str) -> bytes:
    html = render_to_string(
        "certificates/certificate_pdf.html",
        {
            "c": certificate,
            "font_faces": font_faces(),
            "qr": qr_data_uri(verify_url),
            "verify_url": verify_url,
        },
    )
    return HTML(string=html).write_pdf()
