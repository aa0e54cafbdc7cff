"""Uploads are judged by their bytes, not their names (issue 12 §2): a file whose content is not on the list is
refused with a message in Vietnamese and nothing is saved — no record, no file in storage."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import unit
from ocop.core.tests import file_kit as kit
from ocop.evaluation import workflow
from ocop.exchange.models import ImportRecord
from ocop.market.models import Activity
from ocop.registry.models import ProductPhoto

pytestmark = pytest.mark.django_db
NOT_ALLOWED = "Nội dung tệp không phải PDF"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(media) -> list[str]:
    return [str(path.relative_to(media)) for path in media.rglob("*") if path.is_file()]


@pytest.fixture
def dossier(product_a, producer_user):
    return workflow.open_dossier(product_a, "first", producer_user)


def attach(client, dossier, name: str, content: bytes, note: str = ""):
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post(f"/staff/dossiers/{dossier.pk}/evidence/", {"file": upload, "note": note}, follow=True)


def test_an_evidence_file_named_pdf_holding_a_web_page_is_refused(as_user, producer_user, dossier, media):
    page = attach(as_user(producer_user), dossier, "evil.pdf", kit.HTML).content.decode()
    assert "Chưa đính kèm" in page and NOT_ALLOWED in page
    assert 'accept=".pdf,.jpg,' in page  # the file picker offers the accepted kinds first
    assert not dossier.evidence.exists() and stored_files(media) == []


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("logo.png", kit.SVG),
        ("bang-tinh.xlsx", kit.docm()),  # a macro document under an innocent name
        ("ho-so.zip", kit.zip_of({"giay-phep.pdf": kit.PDF, "trang.html": kit.HTML})),
        ("ho-so.zip", kit.zip_of({"giay-phep.html": kit.PDF})),  # a name a double click opens in a browser
        ("ho-so.docx", kit.zip_of({"word/document.xml": b"<w:document/>"})),  # a ZIP pretending
        ("virus.pdf", b"MZ\x90\x00\x03\x00\x00\x00"),
        ("rong.pdf", b""),
    ],
)
def test_files_that_are_not_documents_are_refused(as_user, producer_user, dossier, media, name, content):
    page = attach(as_user(producer_user), dossier, name, content).content.decode()
    assert "Chưa đính kèm" in page
    assert not dossier.evidence.exists() and stored_files(media) == []


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("giay-phep.pdf", kit.PDF),
        ("nha-xuong.jpg", kit.picture("JPEG")),
        ("nha-xuong.jpeg", kit.picture("JPEG")),
        ("bao-bi.png", kit.picture("PNG")),
        ("san-pham.webp", kit.picture("WEBP")),
        ("bien-ban.docx", kit.docx()),
        ("so-lieu.xlsx", kit.xlsx()),
        ("bien-ban.odt", kit.odt()),
        ("so-lieu.ods", kit.ods()),
        ("ho-so.zip", kit.zip_of({"giay-phep.pdf": kit.PDF, "anh/bao-bi.png": kit.picture(), "bb.docx": kit.docx()})),
        ("GIẤY PHÉP.PDF", kit.PDF),
    ],
)
def test_real_documents_are_attached(as_user, producer_user, dossier, name, content):
    page = attach(as_user(producer_user), dossier, name, content).content.decode()
    item = dossier.evidence.get()
    assert item.note == name and item.file.read() == content
    assert "Chưa đính kèm" not in page


def test_a_picture_named_as_another_kind_is_refused_with_what_it_is(as_user, producer_user, dossier, media):
    page = attach(as_user(producer_user), dossier, "anh.png", kit.picture("JPEG")).content.decode()
    assert "JPEG" in page and "“anh.png”" in page and ".jpg" in page
    assert not dossier.evidence.exists() and stored_files(media) == []


def test_an_activity_file_holding_a_web_page_is_refused(as_user, province_officer, media):
    activity = Activity.objects.create(
        kind="training", title="Tập huấn OCOP", unit=unit("2025", "75"), starts_on=dt.date(2025, 3, 1)
    )
    client = as_user(province_officer)
    url = f"/staff/market/activities/{activity.pk}/files/"
    page = client.post(url, {"file": SimpleUploadedFile("bao-cao.pdf", kit.HTML)}, follow=True).content.decode()
    assert NOT_ALLOWED in page and not activity.files.exists() and stored_files(media) == []
    client.post(url, {"file": SimpleUploadedFile("danh-sach.xlsx", kit.xlsx())})
    assert activity.files.get().name == "danh-sach.xlsx"
    assert 'accept=".pdf,.jpg,' in client.get(f"/staff/market/activities/{activity.pk}/").content.decode()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("chu-the.xlsx", kit.HTML, "Đây không phải tệp Excel .xlsx"),
        ("chu-the.xlsx", kit.docx(), "Đây không phải tệp Excel .xlsx"),
        ("chu-the.csv", kit.picture(), "Đây không phải tệp văn bản CSV"),
        ("chu-the.csv", kit.xlsx(), "Đây không phải tệp văn bản CSV"),
        ("chu-the.csv", "Tên chủ thể\nHTX".encode("utf-16"), "Đây không phải tệp văn bản CSV"),
        ("chu-the.pdf", kit.PDF, "Chỉ nhận tệp .xlsx và .csv."),
    ],
)
def test_an_import_file_whose_bytes_do_not_match_its_kind_is_refused(as_user, province_officer, name, content, message):
    response = as_user(province_officer).post(
        "/staff/imports/", {"kind": "producers", "file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 400 and message in response.content.decode()
    assert not ImportRecord.objects.exists()


def test_a_real_csv_or_workbook_goes_on_to_the_check(as_user, province_officer):
    client = as_user(province_officer)
    for name, content in (("chu-the.csv", kit.CSV), ("chu-the.xlsx", kit.xlsx())):
        response = client.post("/staff/imports/", {"kind": "producers", "file": SimpleUploadedFile(name, content)})
        assert response.status_code == 302, response.content.decode()[:500]
    assert ImportRecord.objects.count() == 2


def test_a_web_page_or_an_svg_is_never_a_product_photo(as_user, province_officer, product_a, media):
    client = as_user(province_officer)
    for name, content in (("anh.jpg", kit.HTML), ("anh.svg", kit.SVG), ("anh.png", kit.SVG)):
        upload = SimpleUploadedFile(name, content, content_type="image/jpeg")
        data = {"image": upload, "alt_text": "Hộp điều", "position": 0}
        response = client.post(f"/staff/products/{product_a.pk}/photos/add/", data)
        assert response.status_code == 200 and "id_image_error" in response.content.decode()
    assert not ProductPhoto.objects.exists() and stored_files(media) == []
