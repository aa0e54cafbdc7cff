"""Printouts of a council session: each member's filled scoresheet (PDF) and the minutes with the results
table (PDF and DOCX). PDFs use the platform's packaged font, DOCX the decree's (ocop.core.fonts); places are
named as on the session's day (ocop.places.queries.addresses_on)."""

import io
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from weasyprint import HTML

from ocop.core.fonts import DOCX_FONT, font_faces
from ocop.evaluation.models import CouncilSession, Scoresheet
from ocop.evaluation.sessions import session_dossiers
from ocop.evaluation.sheet_forms import rows
from ocop.places.queries import address_on
from ocop.registry.queries import producer_address_on, producer_addresses_on


def scoresheet_pdf(sheet: Scoresheet) -> bytes:
    dossier = sheet.dossier
    template = dossier.criteria_version.scoresheet(dossier.product.product_set_id)
    day = timezone.localdate(sheet.submitted_at) if sheet.submitted_at else sheet.session.held_on
    html = render_to_string(
        "evaluation/print/scoresheet.html",
        {
            "font_faces": font_faces(),
            "s": sheet,
            "dossier": dossier,
            "address": producer_address_on(dossier.product.producer, day),
            "sheet": template,
            "rows": rows(template, sheet.choices),
        },
    )
    return HTML(string=html).write_pdf()


def minutes_rows(session: CouncilSession) -> list[dict[str, Any]]:
    """Each dossier the session scored, with this council's result: the province's, or the central council's
    for a session of a central round (the dossier keeps both)."""
    dossiers = list(
        session_dossiers(session).select_related("product__producer", "product__product_set").order_by("id")
    )
    addresses = producer_addresses_on({d.product.producer for d in dossiers}, session.held_on)
    central = session.round.is_central
    rows = []
    for dossier in dossiers:
        result = dossier.central_result if central else dossier.result
        total, stars = (dossier.central_total, dossier.central_stars) if central else (
            dossier.council_total, dossier.council_stars
        )  # fmt: skip
        members = {m["member"]: m for m in result.get("members", [])}
        address = addresses[dossier.product.producer_id]
        rows.append(
            {"dossier": dossier, "members": members, "result": result, "address": address, "total": total,
             "stars": stars}
        )  # fmt: skip
    return rows


def minutes_context(session: CouncilSession) -> dict[str, Any]:
    memberships = list(session.memberships.select_related("user"))
    return {
        "session": session,
        "province": session.round.province
        if session.round.is_central
        else address_on(session.round.province, session.held_on),  # the whole country for the central council
        "present": [m for m in memberships if not m.recused],
        "recused": [m for m in memberships if m.recused],
        "chair": next((m for m in memberships if m.role == "chair"), None),
        "secretary": next((m for m in memberships if m.role == "secretary"), None),
        "rows": minutes_rows(session),
        "printed_at": timezone.localtime(),
    }


def minutes_html(session: CouncilSession) -> str:
    return render_to_string("evaluation/print/minutes.html", {**minutes_context(session), "font_faces": font_faces()})


def minutes_pdf(session: CouncilSession) -> bytes:
    return HTML(string=minutes_html(session)).write_pdf()


def minutes_docx(session: CouncilSession) -> bytes:
    context = minutes_context(session)
    document = Document()
    document.styles["Normal"].font.name = DOCX_FONT
    document.styles["Normal"].font.size = Pt(13)
    heading = document.add_paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc")
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("BIÊN BẢN HỌP HỘI ĐỒNG ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP").bold = True
    document.add_paragraph(
        f"{session.name} — {session.round}, {context['province'].name}, ngày {session.held_on:%d/%m/%Y}."
    )
    document.add_paragraph(
        "Thành viên tham dự: " + ", ".join(f"{m.user} ({m.get_role_display()})" for m in context["present"])
    )
    if context["recused"]:
        document.add_paragraph(
            "Không tham gia chấm (xung đột lợi ích): "
            + ", ".join(f"{m.user} — {m.recusal_reason}" for m in context["recused"])
        )
    table = document.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ["TT", "Sản phẩm", "Chủ thể", "Điểm TB", "Hạng", "Ghi chú"], strict=True
    ):
        cell.text = text
    for index, row in enumerate(context["rows"], start=1):
        result, dossier = row["result"], row["dossier"]
        notes = list(result.get("discrepancy_reasons", []))
        if result.get("propose_to_central_council"):
            notes.append("Đề xuất Hội đồng Trung ương")
        if result.get("disqualified"):
            reasons = "; ".join(result.get("disqualification_reasons", []))
            notes.append(f"Bị loại, không đủ điều kiện công nhận: {reasons}")
        producer = f"{dossier.product.producer.name}\n{row['address']}"
        values = [str(index), dossier.product.name, producer, str(row["total"] or "—"),
                  f"{row['stars']} sao" if row["stars"] else "—", "; ".join(notes)]  # fmt: skip
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    signatures = document.add_table(rows=1, cols=2)
    chair, secretary = context["chair"], context["secretary"]
    signatures.rows[0].cells[0].text = "THƯ KÝ\n\n\n" + (str(secretary.user) if secretary else "")
    signatures.rows[0].cells[1].text = "CHỦ TỊCH HỘI ĐỒNG\n\n\n" + (str(chair.user) if chair else "")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
