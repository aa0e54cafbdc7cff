"""The platform's font: every image and PDF the platform draws uses the packaged Be Vietnam Pro.

Pillow's default font and a server's system fonts may lack Vietnamese letters ("Đánh giá" drawn as "□ánh
gi□"), and a PDF would then depend on what happens to be installed. Be Vietnam Pro comes from PyPI
(`fontpkg-be-vietnam-pro`, OFL-1.1), so every machine draws the same letters. Its glyph set covers Latin and
Vietnamese but not symbols such as ★, ✓ or →: documents write "4 sao" and "x" instead.

Word documents are different: a DOCX names a font and the reader's machine renders it. They name
`DOCX_FONT`, Times New Roman, which Nghị định 30/2020/NĐ-CP (Phụ lục I) prescribes for administrative
documents and which every Vietnamese office has with its Vietnamese glyphs; LibreOffice substitutes the
metric-compatible Liberation Serif, which has them too. Embedding it is not an option (its licence).
"""

import functools
from pathlib import Path

import fontpkg
from PIL import ImageFont

FAMILY = "Be Vietnam Pro"
DOCX_FONT = "Times New Roman"
WEIGHTS = (400, 700)
STYLES = ("normal", "italic")


def path(weight: int = 400, italic: bool = False) -> Path:
    """The font file of this weight and style (for Pillow, fontTools or anything reading a file)."""
    return fontpkg.path(FAMILY, weight=weight, style="italic" if italic else "normal")


def font_faces() -> str:
    """@font-face rules for WeasyPrint: regular and bold, upright and italic, from the packaged files (an
    undeclared italic would be slanted by the renderer, a missing weight could fall back to a system font)."""
    return "\n".join(
        f"@font-face {{ font-family: '{FAMILY}'; font-weight: {weight}; font-style: {style}; "
        f"src: url('{path(weight, style == 'italic').as_uri()}'); }}"
        for weight in WEIGHTS
        for style in STYLES
    )


@functools.cache
def pil_font(size: int, weight: int = 400) -> ImageFont.FreeTypeFont:
    """The font for Pillow at `size` pixels; its `path` attribute says which file draws the text."""
    return ImageFont.truetype(str(path(weight)), size=size)
