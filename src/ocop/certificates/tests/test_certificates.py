"""Offices record certificates and revoke them; anyone verifies a label; stars come only from certificates."""

import datetime as dt
import re
import zlib

import pytest

from conftest import make_certificate, make_product
from ocop.certificates.models import Certificate
from ocop.core.models import ChangeLog

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(product_a):
    return make_certificate(product_a, "12/GCN-OCOP", "2025-03-01", product_code="70-31-2025")


def test_a_certificate_gets_36_months_a_parsed_code_and_an_unguessable_verification_code(certificate):
    assert certificate.valid_until == dt.date(2028, 2, 29)
    assert (certificate.code_province, certificate.code_sequence, certificate.code_year) == ("70", "31", 2025)
    assert len(certificate.verification_code) == 12
    other = make_certificate(make_product(certificate.product.producer, "Điều tỏi ớt"), "13/GCN", "2025-03-01")
    assert other.verification_code != certificate.verification_code


def test_the_public_page_verifies_a_valid_label_and_counts_scans(client, certificate):
    response = client.get(f"/verify/{certificate.display_code.lower()}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Hạt điều rang muối Tân Lập" in page and "4★" in page and "Còn hiệu lực" in page
    client.get(f"/verify/{certificate.verification_code}/")
    certificate.refresh_from_db()
    assert certificate.scan_count == 2
    assert not ChangeLog.objects.filter(content_type__model="certificate", action="update").exists()


def test_the_typed_code_form_leads_to_the_verification_page(client, certificate):
    response = client.get("/verify/", {"code": certificate.display_code})
    assert response.status_code == 302 and response["Location"].endswith(f"/verify/{certificate.display_code}/")
    assert client.get("/verify/").status_code == 200


def test_an_expired_or_revoked_label_says_so(client, product_a):
    old = make_certificate(product_a, "1/GCN", "2020-01-15", stars=3)
    page = client.get(f"/verify/{old.verification_code}/").content.decode()
    assert "Hết hiệu lực" in page and "✘" in page


@pytest.mark.parametrize("code", ["ZZZZ-ZZZZ-ZZZZ", "x" * 300, "'; drop table--", "%25", "ĐIỀU"])
def test_an_unknown_or_forged_code_gets_a_clear_404_page(client, certificate, code):
    response = client.get(f"/verify/{code}/")
    assert response.status_code == 404
    assert "không phải hàng thật" in response.content.decode() or "No OCOP certificate" in response.content.decode()


def test_an_office_revokes_with_a_ground_and_the_label_turns_red(as_user, province_officer, client, certificate):
    office = as_user(province_officer)
    url = f"/staff/certificates/{certificate.pk}/revoke/"
    response = office.post(url, {"revoked_on": "01/06/2025", "revocation_authority": "UBND tỉnh"})
    assert response.status_code == 400
    certificate.refresh_from_db()
    assert certificate.revoked_on is None
    response = office.post(
        url,
        {
            "revocation_ground": "d",
            "revoked_on": "01/06/2025",
            "revocation_authority": "UBND tỉnh",
            "revocation_decision": "99/QĐ-UBND",
        },
    )
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status_on(dt.date(2025, 6, 2)) == "revoked"
    assert ChangeLog.objects.filter(content_type__model="certificate", action="update", user=province_officer).exists()
    response = office.post(
        url,
        {"revocation_ground": "a", "revoked_on": "02/06/2025", "revocation_authority": "x", "revocation_decision": "y"},
    )
    assert response.status_code == 400  # already revoked: state unchanged
    certificate.refresh_from_db()
    assert certificate.revocation_ground == "d"


def test_a_legacy_certificate_is_recorded_with_its_own_dates(as_user, province_officer, product_a):
    from ocop.evaluation.models import Regime

    data = {
        "product": product_a.pk, "number": "245/QĐ-UBND-2021", "stars": 3, "regime": Regime.objects.get(code="qd-1048-2019").pk,
        "deciding_level": "province", "decision_number": "245/QĐ-UBND", "decision_date": "10/05/2021",
        "issued_on": "10/05/2021", "valid_until": "09/05/2024", "product_code": "83-829-28780-3-2021", "is_legacy": "on",
    }  # fmt: skip
    response = as_user(province_officer).post("/staff/certificates/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    certificate = Certificate.objects.get(number="245/QĐ-UBND-2021")
    assert (certificate.code_district, certificate.code_commune) == ("829", "28780")
    bad = {**data, "number": "x", "stars": 2, "product_code": "abc", "valid_until": "01/01/2020"}
    response = as_user(province_officer).post("/staff/certificates/add/", bad)
    assert response.status_code == 200
    assert Certificate.objects.count() == 1


def test_certificates_are_scoped_and_producers_cannot_record_them(as_user, officer_b, producer_user, certificate):
    assert as_user(officer_b).get(f"/staff/certificates/{certificate.pk}/").status_code == 404
    assert as_user(officer_b).get(f"/staff/certificates/{certificate.pk}/pdf/").status_code == 404
    client = as_user(producer_user)
    assert client.get(f"/staff/certificates/{certificate.pk}/").status_code == 200
    assert client.get("/staff/certificates/add/").status_code == 403
    assert client.get(f"/staff/certificates/{certificate.pk}/revoke/").status_code == 403


def test_the_certificate_pdf_is_a_real_pdf_with_the_embedded_font(as_user, province_officer, certificate):
    response = as_user(province_officer).get(f"/staff/certificates/{certificate.pk}/pdf/")
    body = b"".join(response.streaming_content)
    assert response["Content-Type"] == "application/pdf"
    assert body.startswith(b"%PDF")
    # Tolerant decompression: a binary font stream may contain bytes that look like "endstream" to the regex.
    streams = b"".join(
        zlib.decompressobj().decompress(s)
        for s in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", body, re.S)
        if s[:1] == b"x"
    )
    fonts = set(re.findall(rb"/BaseFont\s*/\w+\+([\w-]+)", body + streams))
    assert fonts == {b"Be-Vietnam-Pro", b"Be-Vietnam-Pro-Bold"}  # the packaged font only, no system fallback


def test_valid_on_follows_the_ocop_product_definition(product_a, certificate):
    newer = make_certificate(product_a, "20/GCN", "2026-09-01", stars=5)
    assert list(Certificate.objects.valid_on(dt.date(2026, 1, 1))) == [certificate]
    assert list(Certificate.objects.valid_on(dt.date(2026, 9, 1))) == [newer]
    assert certificate.status_on(dt.date(2026, 9, 1)) == "superseded"
    assert not Certificate.objects.valid_on(dt.date(2025, 2, 28)).exists()


def test_the_worklist_shows_certificates_in_their_window(as_user, province_officer, product_a):
    today = dt.date.today()
    issued = (today - dt.timedelta(days=3 * 365 - 150)).isoformat()
    in_window = make_certificate(product_a, "W/1", issued)
    page = as_user(province_officer).get("/staff/certificates/worklist/").content.decode()
    assert in_window.number in page


def test_the_api_lists_scoped_certificates_and_verifies_codes_publicly(
    client, as_user, officer_a, officer_b, certificate
):
    assert [c["number"] for c in as_user(officer_a).get("/api/v1/certificates").json()["results"]] == ["12/GCN-OCOP"]
    assert as_user(officer_b).get("/api/v1/certificates").json()["count"] == 0
    assert as_user(officer_b).get(f"/api/v1/certificates/{certificate.pk}").status_code == 404
    client.logout()
    data = client.get(f"/api/v1/verify/{certificate.display_code}").json()
    assert (data["valid"], data["stars"], data["status"]) == (True, 4, "valid")
    assert client.get("/api/v1/verify/NOPE-NOPE-NOPE").status_code == 404


def test_a_products_stars_come_only_from_its_valid_certificate(as_user, province_officer, product_a):
    client = as_user(province_officer)
    assert "Chưa có giấy chứng nhận còn hiệu lực" in client.get(f"/staff/products/{product_a.pk}/").content.decode()
    make_certificate(product_a, "OLD/1", "2019-09-10", stars=5)  # expired long ago: no stars today
    make_certificate(product_a, "NEW/1", (dt.date.today() - dt.timedelta(days=10)).isoformat(), stars=4)
    page = client.get(f"/staff/products/{product_a.pk}/").content.decode()
    assert "<strong>4★</strong>" in page and "NEW/1" in page
    listing = client.get("/staff/products/").content.decode()
    assert "4★" in listing and "5★" not in listing


def test_the_worklist_lists_each_group_in_constant_queries(
    as_user, province_officer, producer_a, django_assert_max_num_queries
):
    today = dt.date.today()
    for index in range(12):
        product = make_product(producer_a, f"Sản phẩm {index}")
        issued = today - dt.timedelta(days=3 * 365 - 150 + index * 30)  # in window, late, expired
        make_certificate(product, f"WL/{index}", issued.isoformat())
    client = as_user(province_officer)
    with django_assert_max_num_queries(11):  # + the misuse reports from the public
        page = client.get("/staff/certificates/worklist/").content.decode()
    assert page.count("WL/") == 12


def test_the_worklist_shows_products_still_listed_for_sale_without_a_valid_certificate(
    as_user, province_officer, product_a, commune_a
):
    from ocop.market.models import Listing, SalesPoint

    make_certificate(product_a, "LAPSED/1", "2020-01-15", stars=3)
    client = as_user(province_officer)
    section = lambda: client.get("/staff/certificates/worklist/").content.decode().split('id="on-sale"')[1]  # noqa: E731
    assert "Hạt điều rang muối Tân Lập" not in section().split("<h2>")[0]  # not listed anywhere: not on a shelf
    shop = SalesPoint.objects.create(name="Co.opmart Đồng Xoài", kind="supermarket", unit=commune_a,
                                     opened_on=dt.date(2021, 1, 1))  # fmt: skip
    Listing.objects.create(product=product_a, sales_point=shop, since=dt.date(2022, 1, 1))
    rows = section().split("<h2>")[0]
    assert "Hạt điều rang muối Tân Lập" in rows and "Co.opmart Đồng Xoài" in rows
