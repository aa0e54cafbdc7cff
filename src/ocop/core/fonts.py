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
import io
from dataclasses import dataclass, field
from pathlib import Path

import fontpkg
from PIL import Image, ImageDraw, ImageFont

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


@dataclass(frozen=True)
class Written:
    """A text written on a canvas: where, and with which font (its `path` is the file that drew it)."""

    text: str
    xy: tuple[float, float]
    font: ImageFont.FreeTypeFont


@dataclass
class Canvas:
    """A Pillow image that writes text only in the platform's font and keeps what it wrote where, so that the
    drawing can be checked letter by letter against the font (programme/tests: the report's chart)."""

    width: int
    height: int
    image: Image.Image = field(init=False)
    draw: ImageDraw.ImageDraw = field(init=False)
    written: list[Written] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        self.image = Image.new("RGB", (self.width, self.height), "white")
        self.draw = ImageDraw.Draw(self.image)

    def text(self, xy: tuple[float, float], text: str, size: int, fill: str = "black", weight: int = 400) -> None:
        font = pil_font(size, weight)
        self.draw.text(xy, text, fill=fill, font=font)
        self.written.append(Written(text, xy, font))

    def png(self) -> bytes:
        out = io.BytesIO()
        self.image.save(out, format="PNG")
        return out.getvalue()


def wrap(text: str, width: float, size: int) -> list[str]:
    """`text` in lines no wider than `width` pixels in the platform's font (a word longer than that stays whole)."""
    font, lines = pil_font(size), [""]
    for word in text.split():
        candidate = f"{lines[-1]} {word}".strip()
        if lines[-1] and font.getlength(candidate) > width:
            lines.append(word)
        else:
            lines[-1] = candidate
    return lines
