"""The kinds of file the platform takes and hands out, known by their bytes (core/files.py), and the names they
are saved under."""

import io
import random
import re
from urllib.parse import unquote

import pytest

from ocop.core import files
from ocop.core.tests import file_kit as kit


def kind_of(data: bytes) -> files.Kind | None:
    return files.sniff(io.BytesIO(data))


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (kit.PDF, files.PDF),
        (kit.picture("JPEG"), files.JPEG),
        (kit.picture("PNG"), files.PNG),
        (kit.picture("WEBP"), files.WEBP),
        (kit.docx(), files.DOCX),
        (kit.xlsx(), files.XLSX),
        (kit.odt(), files.ODT),
        (kit.ods(), files.ODS),
        (kit.zip_of({"a.pdf": kit.PDF, "b/c.jpg": kit.picture("JPEG"), "d.xlsx": kit.xlsx()}), files.ZIP),
        (kit.CSV, files.CSV),
        (b"T\xean;S\xf4\xec\r\nHTX;1\r\n", files.CSV),  # "Tên;Số" in Windows-1258: the import asks for UTF-8
    ],
)
def test_each_kind_on_the_list_is_known_by_its_bytes(data, kind):
    assert kind_of(data) is kind


@pytest.mark.parametrize(
    "data",
    [
        kit.HTML,
        b"\xef\xbb\xbf  \n<!doctype html><p>hi</p>",
        kit.SVG,
        b"<svg onload=alert(1)>",
        kit.docm(),
        kit.zip_of({"a.pdf": kit.PDF, "index.html": kit.HTML}),
        kit.zip_of({"a.html": kit.PDF}),  # unpacked, a double click opens it in a browser
        kit.zip_of({"inner.zip": kit.zip_of({"a.pdf": kit.PDF})}),
        kit.zip_of({"setup.exe": b"MZ\x90\x00\x03\x00\x00\x00"}),
        kit.zip_of({}),
        b"PK\x03\x04 damaged beyond reading",
        b"\x00\x01\x02 before %PDF-1.4",  # readers tolerate bytes before the header; we vouch only for a PDF from its start
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00",
        "Tên chủ thể\nHTX".encode("utf-16"),
        b"GIF89a\x01\x00\x01\x00",  # a picture, but not one of the list
        b"",
    ],
)
def test_what_is_not_on_the_list_is_not_known(data):
    assert kind_of(data) is None


def test_a_zip_that_would_unpack_too_far_is_not_looked_into(monkeypatch):
    data = kit.zip_of({"a.pdf": kit.PDF + b" " * 5000})
    assert kind_of(data) is files.ZIP
    monkeypatch.setattr(files, "MAX_UNZIPPED", 4000)
    assert kind_of(data) is None


def test_what_macos_adds_to_a_zip_does_not_spoil_it():
    data = kit.zip_of({"ho-so/a.pdf": kit.PDF, "__MACOSX/ho-so/._a.pdf": b"\x00\x05\x16\x07", "ho-so/.DS_Store": b"\0"})
    assert kind_of(data) is files.ZIP


def test_sniffing_leaves_the_file_at_its_start():
    handle = io.BytesIO(kit.docx())
    handle.read(10)
    assert files.sniff(handle) is files.DOCX and handle.tell() == 0


@pytest.mark.parametrize(
    ("name", "kind", "served"),
    [
        ("Giấy chứng nhận ATTP", files.PDF, "Giấy chứng nhận ATTP.pdf"),
        ("GIẤY PHÉP.PDF", files.PDF, "GIẤY PHÉP.PDF"),
        ("ảnh.jpeg", files.JPEG, "ảnh.jpeg"),
        ("ảnh.png", files.JPEG, "ảnh.png.jpg"),
        ("evil.html", files.UNKNOWN, "evil.html.bin"),
        ("../../etc/passwd", files.UNKNOWN, "etc passwd.bin"),
        ('a"b\\c/d;e\r\nf\x00g.pdf', files.PDF, "a b c d efg.pdf"),
        ("\u202egpj.exe", files.UNKNOWN, "gpj.exe.bin"),  # a right-to-left override would show "exe.jpg"
        ("...", files.PDF, "tep.pdf"),
        ("Báo cáo " * 40 + ".xlsx", files.XLSX, ("Báo cáo " * 40)[:120].strip() + ".xlsx"),
    ],
)
def test_served_names_are_safe_and_end_as_their_content(name, kind, served):
    assert files.safe_name(name, kind) == served


def test_a_vietnamese_name_has_an_ascii_fallback_and_the_real_one_beside_it():
    header = files.disposition("Biên bản họp Hội đồng.docx")
    assert header.isascii() and header.startswith('attachment; filename="bien ban hop hoi dong.docx"; ')
    assert unquote(re.search(r"filename\*=UTF-8''(\S+)$", header).group(1)) == "Biên bản họp Hội đồng.docx"
    assert files.disposition("bao-cao-2024.xlsx") == 'attachment; filename="bao-cao-2024.xlsx"'


def test_damaged_files_are_not_known_and_never_an_error():
    """Bytes changed at random in Office files and ZIPs, some cut short (zipfile can be led to seek before the
    start of the file: a ValueError, once a 500)."""
    rng = random.Random(12)
    seeds = [kit.docx(), kit.odt(), kit.zip_of({"a.pdf": kit.PDF, "b.docx": kit.docx()})]
    for _ in range(2000):
        data = bytearray(rng.choice(seeds))
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        if rng.random() < 0.2:
            data = data[: rng.randrange(len(data))]
        assert kind_of(bytes(data)) in (*files.KINDS, None)
