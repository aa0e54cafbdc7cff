"""The review report as issued (issue 18): its chart's labels drawn with a font that has every Vietnamese
letter, its DOCX drawn letter for letter, and the report saying who reports on its date while its figures stay on
the plan's map (the 2022–2025 plan: the districts of old Bình Phước) — and saying so."""

import io
import zipfile

import pytest
from docx import Document
from fontTools.ttLib import TTFont
from PIL import Image, ImageChops, ImageDraw

from ocop.core.fonts import DOCX_FONT, Canvas
from ocop.core.tests.pdf_glyphs import assert_drawn, docx_as_pdf
from ocop.programme import reports
from ocop.programme.tests.test_pages import SLUG, plan  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db

NOTE = (
    "Số liệu được tổng hợp theo địa giới hành chính của Kế hoạch: Tỉnh Bình Phước và các đơn vị hành chính "
    "cấp huyện đến ngày 30/06/2025 (nay thuộc Thành phố Đồng Nai)."
)


def font_file(font: object) -> TTFont:
    source = font.path  # a file name, or the bytes Pillow's own default font is loaded from
    if hasattr(source, "seek"):
        source.seek(0)
    return TTFont(source)


def alone(canvas: Canvas, written: object) -> Image.Image:
    """The text drawn by itself where the chart drew it, with the font the chart recorded."""
    image = Image.new("RGB", canvas.image.size, "white")
    ImageDraw.Draw(image).text(written.xy, written.text, fill="black", font=written.font)
    return image


def test_every_label_of_the_reports_chart_is_drawn_with_a_font_that_has_its_letters(plan):  # noqa: F811
    data = reports.gather(plan, 2025)
    canvas = reports.chart_canvas(data)
    labels = " ".join(w.text for w in canvas.written if w.xy[0] == 10)
    for result in data.results:
        if result.indicator.kind == "ratio":  # each ratio indicator's whole name, not cut off
            assert f"{result.indicator.number}. {reports.INDICATOR_VI[result.code]}" in labels
    assert "Lao động được đào tạo" in labels and "Sản phẩm tiềm năng 5 sao tham gia đánh giá" in labels
    for written in canvas.written:
        font = font_file(written.font)
        cmap = font.getBestCmap()
        missing = {char for char in written.text if not char.isspace() and ord(char) not in cmap}
        assert not missing, f"{written.text!r}: no glyph for {sorted(missing)} in {font['name'].getBestFullName()}"
        box = canvas.draw.textbbox(written.xy, written.text, font=written.font)
        # The chart's pixels there are this text in this font: the record is what the image shows.
        assert ImageChops.difference(canvas.image.crop(box), alone(canvas, written).crop(box)).getbbox() is None
    font = canvas.written[0].font
    notdef = font.getmask("\ue000")  # a character no font here has: drawn as the font's .notdef box
    for letter in sorted({c for w in canvas.written for c in w.text if ord(c) > 127}):
        assert bytes(font.getmask(letter)) != bytes(notdef), f"{letter!r} is drawn as the .notdef box"


def test_the_final_report_docx_is_drawn_letter_for_letter_and_names_the_reporter_of_its_date(plan, tmp_path):  # noqa: F811
    data = reports.gather(plan, 2025)
    docx = reports.build_docx(data)
    media = [n for n in zipfile.ZipFile(io.BytesIO(docx)).namelist() if n.startswith("word/media/")]
    assert [zipfile.ZipFile(io.BytesIO(docx)).read(n) for n in media] == [reports.chart_png(data)]
    styles = zipfile.ZipFile(io.BytesIO(docx)).read("word/styles.xml").decode()
    assert f'w:ascii="{DOCX_FONT}"' in styles
    assert_drawn(
        docx_as_pdf(docx, tmp_path),
        ["ỦY BAN NHÂN DÂN THÀNH PHỐ ĐỒNG NAI", "Đồng Nai, ngày 31 tháng 12 năm 2025", NOTE,
         "Ủy ban nhân dân thành phố Đồng Nai báo cáo kết quả như sau",
         "II. KẾT QUẢ THEO ĐƠN VỊ HÀNH CHÍNH (ĐỊA GIỚI ĐẾN NGÀY 30/06/2025)", "Huyện Bù Đăng", "Thị xã Bình Long",
         "UBND các xã, phường", "Thường trực Thành ủy, HĐND thành phố"],
        in_cells=[reports.INDICATOR_VI[r.code] for r in data.results],
        platform_font_only=False,  # a DOCX is drawn with the reader's fonts
    )  # fmt: skip


def test_a_report_dated_before_the_reform_is_issued_by_bình_phước_without_a_note(plan):  # noqa: F811
    document = Document(io.BytesIO(reports.build_docx(reports.gather(plan, 2024))))
    text = "\n".join(
        [p.text for p in document.paragraphs]
        + [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    )
    assert "ỦY BAN NHÂN DÂN\nTỈNH BÌNH PHƯỚC" in text and "Bình Phước, ngày 31 tháng 12 năm 2024" in text
    assert "Ủy ban nhân dân tỉnh Bình Phước báo cáo" in text and "UBND các huyện, thị xã, thành phố" in text
    assert "Đồng Nai" not in text and "địa giới hành chính của Kế hoạch" not in text
