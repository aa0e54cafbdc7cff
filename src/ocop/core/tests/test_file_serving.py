"""Every file the platform hands out (issue 12 §2): only to those the rights table lets view the record it
belongs to, always as a download (`Content-Disposition: attachment`) with a safe name, a type read from its
bytes — never one a browser would run — and `X-Content-Type-Options: nosniff`."""

import datetime as dt
import re
from urllib.parse import unquote

import pytest
from django.core.files.base import ContentFile

from conftest import make_certificate, successor, unit
from ocop.core import rights
from ocop.core.tests.file_kit import HTML, PDF, SVG, picture
from ocop.evaluation import council, workflow
from ocop.evaluation.models import Evidence
from ocop.evaluation.tests.conftest import council_of_three  # noqa: F401 (a fixture)
from ocop.evaluation.tests.helpers import best, file_and_forward
from ocop.exchange.models import ExportRecord, ImportRecord, JobState
from ocop.market.models import Activity, ActivityFile
from ocop.portal.tests.test_pages import add_photo, dieu  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DAY = dt.date(2025, 9, 1)


def downloaded(response, content_type: str) -> bytes:
    """The response is a download of `content_type` the browser may not reinterpret; its body."""
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    return b"".join(response.streaming_content) if response.streaming else response.content


def served_name(response) -> str:
    """The file name a browser saves under: the RFC 5987 one when given, else the plain one."""
    header = response["Content-Disposition"]
    extended = re.search(r"filename\*=UTF-8''([^;\s]+)", header, re.I)
    if extended:
        return unquote(extended.group(1))
    return re.search(r'filename="([^"]*)"', header).group(1)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def dossier(product_a, producer_user):
    return workflow.open_dossier(product_a, "first", producer_user)


def stored_evidence(dossier, content: bytes, name: str, note: str = "") -> Evidence:
    """A file already in storage, however it got there (an upload from before the type check, a restore)."""
    return Evidence.objects.create(dossier=dossier, file=ContentFile(content, name=name), note=note)


def evidence_url(item: Evidence) -> str:
    return f"/staff/dossiers/{item.dossier_id}/evidence/{item.pk}/"


# ------------------------------------------------------------------------------------ what the bytes are


def test_it_serves_a_stored_web_page_as_a_download_of_unknown_type(as_user, producer_user, dossier):
    item = stored_evidence(dossier, HTML, "trang.html", note="evil.html")
    response = as_user(producer_user).get(evidence_url(item))
    assert downloaded(response, "application/octet-stream") == HTML
    assert served_name(response) == "evil.html.bin"  # nothing a double click would open in a browser


def test_a_web_page_named_like_a_pdf_is_not_served_as_one(as_user, producer_user, dossier):
    item = stored_evidence(dossier, HTML, "evil.pdf", note="Giấy phép.pdf")
    response = as_user(producer_user).get(evidence_url(item))
    downloaded(response, "application/octet-stream")
    assert served_name(response) == "Giấy phép.pdf.bin"


def test_it_never_serves_an_svg_as_an_image(as_user, producer_user, province_officer, dossier, media):
    item = stored_evidence(dossier, SVG, "logo.svg", note="logo.svg")
    downloaded(as_user(producer_user).get(evidence_url(item)), "application/octet-stream")
    activity = Activity.objects.create(kind="training", title="Tập huấn", unit=unit("2025", "75"), starts_on=DAY)
    file = ActivityFile.objects.create(activity=activity, file=ContentFile(SVG, name="so-do.svg"), name="so-do.svg")
    response = as_user(province_officer).get(f"/staff/market/activities/{activity.pk}/files/{file.pk}/")
    downloaded(response, "application/octet-stream")
    (media / "products").mkdir()
    (media / "products" / "anh.svg").write_bytes(SVG)
    response = as_user(province_officer).get("/media/products/anh.svg")
    assert response.status_code == 404 or response["Content-Type"] == "application/octet-stream"


def test_evidence_is_served_by_its_bytes_not_by_its_note(as_user, producer_user, dossier):
    client = as_user(producer_user)
    pdf = stored_evidence(dossier, PDF, "a.pdf", note="Giấy chứng nhận ATTP")
    response = client.get(evidence_url(pdf))
    assert downloaded(response, "application/pdf") == PDF
    assert served_name(response) == "Giấy chứng nhận ATTP.pdf"
    png = stored_evidence(dossier, picture(), "b.png", note="ảnh nhà xưởng.pdf")
    response = client.get(evidence_url(png))
    downloaded(response, "image/png")
    assert served_name(response) == "ảnh nhà xưởng.pdf.png"


def test_vietnamese_and_hostile_names_come_out_safely(as_user, producer_user, dossier):
    note = 'Biên bản "kiểm tra"/../..\\x\r\nSet-Cookie: a=1; số 2\x07\u202e.pdf'  # (PostgreSQL keeps no NUL)
    response = as_user(producer_user).get(evidence_url(stored_evidence(dossier, PDF, "c.pdf", note=note)))
    downloaded(response, "application/pdf")
    header = response["Content-Disposition"]
    assert header.isascii() and "\r" not in header and "\n" not in header
    plain = re.search(r'filename="([^"]*)"', header).group(1)
    assert plain.endswith(".pdf") and "/" not in plain and "\\" not in plain
    name = served_name(response)
    assert name.startswith("Biên bản") and name.endswith("số 2.pdf")
    assert not set(name) & set('/\\"\r\n\x07\u202e;') and ".." not in name


# ----------------------------------------------------------------------------- who may download it: the table


def test_evidence_is_404_to_whom_the_table_does_not_show_it(
    as_user, producer_user, officer_a, officer_b, outsider_officer, viewer, province_officer, dossier
):
    item = stored_evidence(dossier, PDF, "d.pdf", note="Hồ sơ.pdf")
    for person in (producer_user, officer_a, province_officer):
        assert as_user(person).get(evidence_url(item)).status_code == 200, person
    for person in (officer_b, outsider_officer, viewer):  # another commune, another province, a viewer
        assert not rights.may(person, "view", item)
        assert as_user(person).get(evidence_url(item)).status_code == 404, person


def test_the_dossier_page_lists_only_the_evidence_one_may_download(as_user, viewer, producer_user, dossier):
    stored_evidence(dossier, PDF, "e.pdf", note="Giấy ATTP.pdf")
    assert "Giấy ATTP.pdf" in as_user(producer_user).get(f"/staff/dossiers/{dossier.pk}/").content.decode()
    page = as_user(viewer).get(f"/staff/dossiers/{dossier.pk}/")
    assert page.status_code == 200 and "Giấy ATTP.pdf" not in page.content.decode()


def test_activity_files_answer_as_the_table_does(
    as_user, commune_a, officer_a, officer_b, outsider_officer, province_officer, viewer
):
    local = Activity.objects.create(kind="training", title="Tập huấn xã", unit=successor(commune_a), starts_on=DAY)
    provincial = Activity.objects.create(kind="training", title="Tập huấn tỉnh", unit=unit("2025", "75"), starts_on=DAY)
    for activity in (local, provincial):
        file = ActivityFile.objects.create(activity=activity, file=ContentFile(PDF, name="bc.pdf"), name="Báo cáo.pdf")
        url = f"/staff/market/activities/{activity.pk}/files/{file.pk}/"
        for person in (officer_a, officer_b, outsider_officer, province_officer, viewer):
            expected = 200 if rights.may(person, "view", file) else 404
            assert as_user(person).get(url).status_code == expected, (activity.title, person)
    assert as_user(officer_b).get(f"/staff/market/activities/{local.pk}/files/1/").status_code == 404


def test_another_persons_export_or_import_is_404(as_user, province_officer, officer_a):
    export = ExportRecord.objects.create(
        user=province_officer, kind="producers", format="csv", file_name="chu-the.csv", state=JobState.DONE,
        data="Tên chủ thể\nHTX Điều Tân Lập\n".encode(),
    )  # fmt: skip
    upload = ImportRecord.objects.create(
        user=province_officer, kind="producers", file_name="chu-the.csv", dry_run=True, data="Tên\nHTX\n".encode()
    )
    assert as_user(officer_a).get(f"/staff/exports/{export.pk}/file").status_code == 404
    assert as_user(officer_a).get(f"/staff/imports/{upload.pk}/").status_code == 404
    response = as_user(province_officer).get(f"/staff/exports/{export.pk}/file")
    assert downloaded(response, "text/csv; charset=utf-8").startswith("Tên chủ thể".encode())
    assert served_name(response) == "chu-the.csv"


# ------------------------------------------------------------------------------- files the platform writes


def test_exports_download_as_attachments_of_their_type(as_user, province_officer, product_a):
    client = as_user(province_officer)
    downloaded(client.get("/staff/exports/products.xlsx"), XLSX)
    body = downloaded(client.get("/staff/exports/products.csv"), "text/csv; charset=utf-8")
    assert "Hạt điều rang muối Tân Lập" in body.decode("utf-8-sig")
    downloaded(client.get("/staff/imports/templates/producers.xlsx"), XLSX)


def test_certificates_and_decisions_download_as_pdf_attachments(as_user, province_officer, product_a):
    certificate = make_certificate(product_a, "GCN-7", "2024-05-01")
    client = as_user(province_officer)
    response = client.get(f"/staff/certificates/{certificate.pk}/pdf/")
    assert downloaded(response, "application/pdf").startswith(b"%PDF")
    assert served_name(response) == f"giay-chung-nhan-{certificate.pk}.pdf"
    downloaded(client.get(f"/staff/certificates/{certificate.pk}/decision.pdf"), "application/pdf")


def test_minutes_and_scoresheets_download_as_attachments(
    client,
    product_a,
    producer_user,
    officer_a,
    province_officer,
    council_of_three,  # noqa: F811
):
    session, members = council_of_three
    dossier = file_and_forward(product_a, producer_user, officer_a, province_officer, session)
    for member in members[:3]:
        council.submit_sheet(council.member_sheet(session, dossier, member), best(dossier), [], [])
    client.force_login(members[0])
    response = client.get(f"/staff/sessions/{session.pk}/dossiers/{dossier.pk}/score.pdf")
    downloaded(response, "application/pdf")
    assert served_name(response) == f"phieu-{dossier.pk}-thanhvien1.pdf"
    council.close_session(session, province_officer)
    client.force_login(province_officer)
    downloaded(client.get(f"/staff/sessions/{session.pk}/minutes.pdf"), "application/pdf")
    downloaded(client.get(f"/staff/sessions/{session.pk}/minutes.docx"), DOCX)


def test_photos_and_covers_are_served_by_their_bytes(client, as_user, province_officer, dieu, media):  # noqa: F811
    photo = add_photo(dieu)
    body = downloaded(client.get(f"/media/{photo.image.name}"), "image/jpeg")
    assert body.startswith(b"\xff\xd8\xff")
    (media / "products" / "trang.html").write_bytes(HTML)
    response = client.get("/media/products/trang.html")
    assert response.status_code == 404 or response["Content-Type"] == "application/octet-stream"
    html = client.get("/san-pham/").content.decode()
    rendition = re.search(r'src="(/anh/[^"]+/320/[^"]+\.jpg)"', html).group(1)
    downloaded(client.get(rendition), "image/jpeg")


def test_media_outside_the_photos_folder_is_never_reached(client, producer_user, dossier, media):
    item = stored_evidence(dossier, PDF, "h.pdf", note="Hồ sơ.pdf")
    for path in (
        f"products/../{item.file.name}",
        f"products/..%2F{item.file.name}",
        f"products/%2e%2e/{item.file.name}",
    ):
        assert client.get(f"/media/{path}").status_code == 404, path
    assert client.get(f"/media/{item.file.name}").status_code == 404


def test_story_covers_are_served_by_their_bytes(client, as_user, province_officer):
    from ocop.stories.choices import ArticleStatus
    from ocop.stories.tests.conftest import make_article

    published, draft = make_article("Mùa điều"), make_article("Bản nháp", status=ArticleStatus.DRAFT)
    for article in (published, draft):
        article.cover.save("bia.jpg", ContentFile(picture("JPEG"), name="bia.jpg"), save=False)
        article.cover_alt = "Hạt điều"
        article.save()
    downloaded(client.get(published.cover_url()), "image/jpeg")
    assert client.get(draft.cover_url()).status_code == 404
    downloaded(as_user(province_officer).get(draft.cover_url()), "image/jpeg")


def test_the_review_report_downloads_as_an_attachment(as_user, province_officer, product_a):
    from ocop.programme.loader import load_plan, shipped_plans

    plan = load_plan(shipped_plans()[0])
    response = as_user(province_officer).get(f"/staff/plans/{plan.slug}/report.xlsx?year=2024")
    downloaded(response, XLSX)
    assert served_name(response) == f"bao-cao-{plan.slug}-2024.xlsx"
