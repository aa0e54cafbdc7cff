"""Read what a PDF draws: each character shown, the embedded font that draws it and whether that font has a
real glyph for it. For the documents' glyph tests (tests/test_document_glyphs.py); no PDF library is a dependency,
so this reads the few structures that WeasyPrint and LibreOffice write (object and xref streams included).

A character "has its glyph" when the glyph drawn is not .notdef (glyph 0), the embedded font program maps the
character to that very glyph (where the font keeps a Unicode cmap), and the glyph has an outline unless the
character is blank. A missing letter drawn as a box fails all three.
"""

import io
import re
import shutil
import subprocess
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fontTools.ttLib import TTFont

WHITESPACE = b" \t\r\n\f\x00"
DELIMITERS = b"()<>[]{}/%"
REFERENCE_TAIL = re.compile(rb"\s+\d+\s+R(?![^\s()<>\[\]{}/%])")


@dataclass(frozen=True)
class Ref:
    number: int


class Name(str):
    pass


class Operator(bytes):
    """A bare word: an operator in a content stream (or the end of a dictionary or array)."""


@dataclass
class Stream:
    info: dict[str, Any]
    raw: bytes

    def data(self) -> bytes:
        return zlib.decompress(self.raw) if self.info.get("Filter") == "FlateDecode" else self.raw


class Lexer:
    def __init__(self, data: bytes, position: int = 0) -> None:
        self.data, self.pos = data, position

    def skip(self) -> None:
        while self.pos < len(self.data):
            char = self.data[self.pos : self.pos + 1]
            if char in (b" ", b"\t", b"\r", b"\n", b"\f", b"\x00"):
                self.pos += 1
            elif char == b"%":
                while self.pos < len(self.data) and self.data[self.pos : self.pos + 1] not in (b"\r", b"\n"):
                    self.pos += 1
            else:
                return

    @staticmethod
    def closes(token: Any, end: bytes) -> bool:
        """The end of a dictionary or array (not a string that happens to read "]"), or of the data."""
        return token is None or (isinstance(token, Operator) and token == end)

    def token(self) -> Any:
        """The next object, or an operator (bytes) in a content stream; None at the end."""
        self.skip()
        if self.pos >= len(self.data):
            return None
        data, start = self.data, self.pos
        if data.startswith(b"<<", start):
            self.pos += 2
            result = {}
            while not self.closes(key := self.token(), b">>"):
                result[str(key)] = self.token()
            return result
        if data.startswith(b">>", start):
            self.pos += 2
            return Operator(b">>")
        char = data[start : start + 1]
        if char == b"[":
            self.pos += 1
            items = []
            while not self.closes(item := self.token(), b"]"):
                items.append(item)
            return items
        if char == b"]":
            self.pos += 1
            return Operator(b"]")
        if char == b"/":
            end = start + 1
            while end < len(data) and data[end : end + 1] not in WHITESPACE and data[end] not in DELIMITERS:
                end += 1
            self.pos = end
            return Name(re.sub(rb"#([0-9a-fA-F]{2})", lambda m: bytes([int(m[1], 16)]), data[start + 1 : end]).decode())
        if char == b"(":
            return self.literal()
        if char == b"<":
            end = data.index(b">", start)
            self.pos = end + 1
            digits = re.sub(rb"\s", b"", data[start + 1 : end])
            return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode())
        end = start
        while end < len(data) and data[end : end + 1] not in WHITESPACE and data[end] not in DELIMITERS:
            end += 1
        end = max(end, start + 1)
        self.pos, word = end, data[start:end]
        if re.fullmatch(rb"[+-]?\d+", word):
            reference = REFERENCE_TAIL.match(data, self.pos)  # "12 0 R": a reference, not two numbers
            if reference:
                self.pos = reference.end()
                return Ref(int(word))
            return int(word)
        if re.fullmatch(rb"[+-]?(\d+\.\d*|\.\d+|\d+\.)", word):
            return float(word)
        return {b"true": True, b"false": False, b"null": None}.get(word, Operator(word))

    def literal(self) -> bytes:
        out, depth, pos, data = bytearray(), 0, self.pos + 1, self.data
        escapes = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
        while pos < len(data):
            char = data[pos : pos + 1]
            if char == b"\\":
                following = data[pos + 1 : pos + 2]
                octal = re.match(rb"[0-7]{1,3}", data[pos + 1 : pos + 4])
                if octal:
                    out.append(int(octal[0], 8) & 0xFF)
                    pos += 1 + len(octal[0])
                    continue
                if following in (b"\r", b"\n"):
                    pos += 2
                    continue
                out += escapes.get(following, following)
                pos += 2
                continue
            if char == b"(":
                depth += 1
            elif char == b")":
                if depth == 0:
                    self.pos = pos + 1
                    return bytes(out)
                depth -= 1
            out += char
            pos += 1
        self.pos = pos
        return bytes(out)


class Document:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.objects: dict[int, Any] = {}
        header = re.compile(rb"(?<![0-9])(\d+)\s+(\d+)\s+obj\b")
        position = 0
        while match := header.search(data, position):  # in file order, skipping the bytes of each stream
            lexer = Lexer(data, match.end())
            value = lexer.token()
            lexer.skip()
            if isinstance(value, dict) and data.startswith(b"stream", lexer.pos):
                start = lexer.pos + len(b"stream")
                start += 2 if data.startswith(b"\r\n", start) else 1
                length = value["Length"]
                if isinstance(length, Ref):
                    length = int(re.search(rb"(?<![0-9])%d\s+0\s+obj\s*(\d+)" % length.number, data)[1])
                value = Stream(value, data[start : start + length])
                lexer.pos = start + length
            self.objects[int(match[1])] = value
            position = lexer.pos
        for value in list(self.objects.values()):
            if isinstance(value, Stream) and value.info.get("Type") == "ObjStm":
                body, first = value.data(), value.info["First"]
                header = [int(n) for n in body[:first].split()]
                for number, offset in zip(header[::2], header[1::2], strict=True):
                    self.objects[number] = Lexer(body, first + offset).token()

    def get(self, value: Any) -> Any:
        return self.objects.get(value.number) if isinstance(value, Ref) else value

    def pages(self) -> list[dict[str, Any]]:
        def walk(node: dict[str, Any], inherited: dict[str, Any]) -> list[dict[str, Any]]:
            resources = self.get(node.get("Resources")) or inherited
            if node.get("Type") == "Page":
                return [{**node, "Resources": resources}]
            return [page for kid in node["Kids"] for page in walk(self.get(kid), resources)]

        trailer_root = next(v for v in self.objects.values() if isinstance(v, dict) and v.get("Type") == "Catalog")
        return walk(self.get(trailer_root["Pages"]), {})


@dataclass(frozen=True)
class Shown:
    """One character drawn: the text it stands for, the embedded font's name, and whether it has its glyph."""

    text: str
    font: str
    glyph: int
    has_glyph: bool


class Font:
    def __init__(self, document: Document, info: dict[str, Any]) -> None:
        get = document.get
        self.name = str(info.get("BaseFont", "")).split("+")[-1]
        self.two_bytes = info.get("Subtype") == "Type0"
        descendant = get(get(info["DescendantFonts"])[0]) if self.two_bytes else info
        descriptor = get(descendant.get("FontDescriptor")) or {}
        program = get(descriptor.get("FontFile2") or descriptor.get("FontFile3") or descriptor.get("FontFile"))
        self.font = TTFont(io.BytesIO(program.data())) if isinstance(program, Stream) else None
        gid_map = get(descendant.get("CIDToGIDMap"))
        self.gid_map = gid_map.data() if isinstance(gid_map, Stream) else None
        self.to_unicode = self.read_cmap(get(info.get("ToUnicode")))
        self.unicode_cmap = self.font.getBestCmap() if self.font is not None and "cmap" in self.font else None

    @staticmethod
    def read_cmap(stream: Any) -> dict[int, str]:
        if not isinstance(stream, Stream):
            return {}
        text, result = stream.data().decode("latin-1"), {}

        def decode(hex_text: str) -> str:
            return bytes.fromhex(hex_text).decode("utf-16-be")

        for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
            for code, value in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>", block):
                result[int(code, 16)] = decode(value)
        for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
            for low, high, value in re.findall(
                r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]+>|\[.*?\])", block
            ):
                targets = re.findall(r"<([0-9a-fA-F]+)>", value)
                for index, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                    if value.startswith("["):
                        result[code] = decode(targets[index])
                    else:
                        base = decode(targets[0])
                        result[code] = base[:-1] + chr(ord(base[-1]) + index)
        return result

    def glyph_of(self, code: int) -> int:
        if self.two_bytes:
            if self.gid_map:
                return int.from_bytes(self.gid_map[2 * code : 2 * code + 2], "big")
            return code
        if self.font is None or "cmap" not in self.font:
            return -1
        for table in self.font["cmap"].tables:  # a simple TrueType font: code → glyph by its (3,0) or (1,0) table
            for key in (code, 0xF000 + code):
                if key in table.cmap:
                    return self.font.getGlyphID(table.cmap[key])
        return 0

    def has_outline(self, glyph: int) -> bool:
        name = self.font.getGlyphName(glyph)
        if "glyf" in self.font:
            entry = self.font["glyf"][name]
            return entry.numberOfContours != 0
        return True  # CFF: glyph present is as far as this reader checks

    def show(self, string: bytes) -> list[Shown]:
        width = 2 if self.two_bytes else 1
        shown = []
        for index in range(0, len(string), width):
            code = int.from_bytes(string[index : index + width], "big")
            text = self.to_unicode.get(code, "\ufffd")
            glyph = self.glyph_of(code)
            ok = self.font is not None and glyph > 0 and glyph < len(self.font.getGlyphOrder())
            if ok and not text.isspace():
                ok = self.has_outline(glyph)
                if self.unicode_cmap and len(text) == 1 and ord(text) in self.unicode_cmap:
                    ok = ok and self.font.getGlyphID(self.unicode_cmap[ord(text)]) == glyph
            shown.append(Shown(text, self.name, glyph, ok))
        return shown


def shown_characters(pdf: bytes) -> list[Shown]:
    """Every character the PDF draws, page by page, in content-stream order (form XObjects followed)."""
    document = Document(pdf)
    fonts: dict[int, Font] = {}
    result: list[Shown] = []

    def font_for(resources: dict[str, Any], name: str) -> Font:
        ref = document.get(resources.get("Font") or {})[name]
        key = ref.number if isinstance(ref, Ref) else id(ref)
        if key not in fonts:
            fonts[key] = Font(document, document.get(ref))
        return fonts[key]

    def run(content: bytes, resources: dict[str, Any]) -> None:
        resources = document.get(resources) or {}
        lexer, operands, font = Lexer(content), [], None
        while (token := lexer.token()) is not None:
            if not isinstance(token, Operator):
                operands.append(token)
                continue
            if token in (b"Tj", b"'", b'"'):
                result.extend(font.show(operands[-1]))
            elif token == b"TJ":
                for item in operands[-1]:
                    if isinstance(item, bytes):
                        result.extend(font.show(item))
            elif token == b"Tf":
                font = font_for(resources, operands[-2])
            elif token == b"Do":
                xobject = document.get(document.get(resources.get("XObject") or {}).get(operands[-1]))
                if isinstance(xobject, Stream) and xobject.info.get("Subtype") == "Form":
                    run(xobject.data(), xobject.info.get("Resources") or resources)
            elif token == b"BI":  # an inline image: skip its data
                lexer.pos = content.index(b"EI", content.index(b"ID", lexer.pos)) + 2
            operands = []

    for page in document.pages():
        contents = document.get(page["Contents"])
        streams = [document.get(c) for c in contents] if isinstance(contents, list) else [contents]
        run(b"\n".join(stream.data() for stream in streams), page["Resources"])
    return result


def squash(text: str) -> str:
    """Text without whitespace: a PDF breaks lines where the source had spaces, and shows spaces its own way."""
    return re.sub(r"\s+", "", text)


def missing_glyphs(pdf: bytes) -> list[Shown]:
    return [shown for shown in shown_characters(pdf) if not shown.has_glyph]


def text_of(pdf: bytes) -> str:
    return "".join(shown.text for shown in shown_characters(pdf))


def fonts_used(pdf: bytes) -> set[str]:
    return {shown.font for shown in shown_characters(pdf)}


PLATFORM_FONT = "Be-Vietnam-Pro"  # the embedded names of core.fonts' files: Be-Vietnam-Pro, Be-Vietnam-Pro-Bold…


def assert_drawn(
    pdf: bytes, expected: Iterable[str], in_cells: Iterable[str] = (), platform_font_only: bool = True
) -> str:
    """Every character the PDF draws has its glyph in the font that draws it; the expected texts (the document's
    input) are there letter for letter, and those of table cells word for word in their order (a PDF draws a
    row's cells line by line, so a cell's lines are interleaved with its neighbours'); and (for the platform's
    PDFs) nothing is drawn by a machine's own font. Returns the document's text without whitespace."""
    shown = shown_characters(pdf)
    missing = [s for s in shown if not s.has_glyph]
    assert not missing, f"drawn without a glyph: {sorted({(s.text, s.font) for s in missing})}"
    text = squash("".join(s.text for s in shown))
    for snippet in expected:
        assert squash(snippet) in text, f"not drawn as such: {snippet!r}"
    for cell in in_cells:
        position = 0
        for word in cell.split():
            found = text.find(word, position)
            assert found >= 0, f"not drawn: {word!r} of {cell!r}"
            position = found + len(word)
    if platform_font_only:
        fonts = {s.font for s in shown}
        assert all(font.startswith(PLATFORM_FONT) for font in fonts), f"fonts other than the platform's: {fonts}"
    return text


def docx_as_pdf(docx: bytes, folder: Path) -> bytes:
    """The DOCX as a reader's LibreOffice lays it out and draws it (the same fonts, substitutes and fallbacks)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("LibreOffice is missing: apt-get install -y libreoffice-writer-nogui (.ci/run installs it)")
    (folder / "document.docx").write_bytes(docx)
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{folder}/lo", "--convert-to", "pdf", "document.docx"],
        cwd=folder, check=True, timeout=180, capture_output=True,
    )  # fmt: skip
    return (folder / "document.pdf").read_bytes()
