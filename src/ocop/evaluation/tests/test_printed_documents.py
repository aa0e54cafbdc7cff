"""The council's printed documents as drawn (issue 18): every letter of a member's scoresheet and of the minutes
(PDF, and DOCX as LibreOffice draws it) has its glyph in the font that draws it, and the places are named as on
the session's day (20/11/2026: the two-level map, with the former names)."""

import io
import zipfile

import pytest

from ocop.core.fonts import DOCX_FONT
from ocop.core.tests.pdf_glyphs import assert_drawn, docx_as_pdf
from ocop.evaluation import council, printouts
from ocop.evaluation.tests.helpers import best, file_and_forward

pytestmark = pytest.mark.django_db

ADDRESS = "Xã Đồng Phú, Thành phố Đồng Nai (trước đây: Xã Tân Lập, Huyện Đồng Phú, Tỉnh Bình Phước)"


@pytest.fixture
def scored(product_a, producer_user, officer_a, province_officer, council_of_three):
    session, members = council_of_three
    dossier = file_and_forward(product_a, producer_user, officer_a, province_officer, session)
    for member in members[:3]:
        council.submit_sheet(council.member_sheet(session, dossier, member), best(dossier), [], [])
    council.close_session(session, province_officer)
    return session, dossier


def test_a_members_scoresheet_draws_every_criterion_and_option_with_the_platforms_font(scored):
    _, dossier = scored
    sheet = dossier.scoresheets.order_by("id").first()
    template = dossier.criteria_version.scoresheet(dossier.product.product_set_id)
    texts = [c.name for c in template.criteria] + [o.text for c in template.criteria for o in c.options_of(None)]
    assert_drawn(
        printouts.scoresheet_pdf(sheet),
        ["Hạt điều rang muối Tân Lập", "HTX Điều Tân Lập", ADDRESS, f"hạng {sheet.stars} sao"],
        in_cells=texts,
    )


def test_the_minutes_pdf_names_places_on_the_sessions_day_in_the_platforms_font(scored):
    session, _ = scored
    text = assert_drawn(
        printouts.minutes_pdf(session),
        ["BIÊN BẢN HỌP HỘI ĐỒNG ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP", "Thành phố Đồng Nai, ngày 20/11/2026",
         "Hạt điều rang muối Tân Lập", "HTX Điều Tân Lập" + ADDRESS, "Người thân của chủ thể", "5 sao",
         "Đề xuất Hội đồng Trung ương"],
    )  # fmt: skip
    assert "★" not in text


def test_the_minutes_docx_names_the_decrees_font_and_draws_every_letter(scored, tmp_path):
    session, _ = scored
    docx = printouts.minutes_docx(session)
    styles = zipfile.ZipFile(io.BytesIO(docx)).read("word/styles.xml").decode()
    assert f'w:ascii="{DOCX_FONT}"' in styles and f'w:hAnsi="{DOCX_FONT}"' in styles
    assert_drawn(
        docx_as_pdf(docx, tmp_path),
        ["BIÊN BẢN HỌP HỘI ĐỒNG ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP", "Thành phố Đồng Nai, ngày 20/11/2026",
         "HTX Điều Tân Lập", ADDRESS, "Không tham gia chấm (xung đột lợi ích)", "5 sao", "THƯ KÝ"],
        platform_font_only=False,  # a DOCX is drawn with the reader's fonts
    )  # fmt: skip
