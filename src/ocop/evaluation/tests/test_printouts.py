"""The minutes (PDF, DOCX) and each member's filled scoresheet (PDF)."""

import io

import pytest
from docx import Document

from ocop.evaluation import council
from ocop.evaluation.tests.helpers import best, file_and_forward

pytestmark = pytest.mark.django_db


def test_minutes_and_scoresheets_print_after_the_session(
    client, product_a, producer_user, officer_a, province_officer, council_of_three
):
    session, members = council_of_three
    dossier = file_and_forward(product_a, producer_user, officer_a, province_officer, session)
    for member in members[:3]:
        council.submit_sheet(council.member_sheet(session, dossier, member), best(dossier), [], [])
    client.force_login(members[0])
    pdf = b"".join(client.get(f"/staff/sessions/{session.pk}/dossiers/{dossier.pk}/score.pdf").streaming_content)
    assert pdf.startswith(b"%PDF")
    assert (
        client.get(f"/staff/sessions/{session.pk}/dossiers/{dossier.pk}/score.pdf?member=thanhvien2").status_code == 200
    )
    client.force_login(province_officer)
    assert client.get(f"/staff/sessions/{session.pk}/minutes.pdf").status_code == 302  # not closed yet
    council.close_session(session, province_officer)
    pdf = b"".join(client.get(f"/staff/sessions/{session.pk}/minutes.pdf").streaming_content)
    assert pdf.startswith(b"%PDF")
    docx = b"".join(client.get(f"/staff/sessions/{session.pk}/minutes.docx").streaming_content)
    text = "\n".join(
        cell.text for table in Document(io.BytesIO(docx)).tables for row in table.rows for cell in row.cells
    )
    assert "Hạt điều rang muối Tân Lập" in text and "5 sao" in text and "Đề xuất Hội đồng Trung ương" in text
    client.force_login(members[3])  # recused: sits on the session, has no sheet
    assert client.get(f"/staff/sessions/{session.pk}/dossiers/{dossier.pk}/score.pdf").status_code == 404
