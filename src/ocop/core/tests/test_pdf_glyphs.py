"""The documents' glyph check itself: a letter drawn without its glyph, or by a machine's font instead of the
platform's, fails; a document drawn wholly in the platform's font passes."""

import pytest
from weasyprint import HTML

from ocop.core.fonts import font_faces
from ocop.core.tests.pdf_glyphs import assert_drawn


def pdf(body: str, family: str = "Be Vietnam Pro") -> bytes:
    style = f"{font_faces()} body {{ font-family: '{family}'; }}"
    return HTML(string=f"<html><head><style>{style}</style></head><body><p>{body}</p></body></html>").write_pdf()


def test_it_passes_vietnamese_drawn_in_the_platforms_font():
    text = "Xã Phú Nghĩa, Thành phố Đồng Nai — trước đây: Huyện Bù Gia Mập, Tỉnh Bình Phước"
    assert_drawn(pdf(f"{text} <b>Ưu tiên</b> <i>Ở</i>"), [text, "Ưu tiên", "Ở"])


def test_it_fails_a_letter_no_font_has():
    with pytest.raises(AssertionError, match="drawn without a glyph"):
        assert_drawn(pdf("Đồng Nai \ue000"), [])


def test_it_fails_a_letter_the_platforms_font_lacks_drawn_by_a_machines_font():
    with pytest.raises(AssertionError, match="fonts other than the platform's"):
        assert_drawn(pdf("Hạng 4★"), [])


def test_it_fails_text_that_is_not_drawn_as_given():
    with pytest.raises(AssertionError, match="not drawn as such"):
        assert_drawn(pdf("Xa Duc Hanh"), ["Xã Đức Hạnh"])
