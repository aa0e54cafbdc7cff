"""Hostile review of personal data and revocation by the recognising authority (wip/review2)."""

import pytest
from django.utils import translation

from conftest import make_certificate
from ocop.certificates.choices import DecidingLevel
from ocop.certificates.models import Certificate
from ocop.certificates.tests.test_revocation_authority import REVOKE
from ocop.core import rights
from ocop.exchange.tests.market_kit import csv_of

pytestmark = pytest.mark.django_db


def run(kind: str, rows: list[dict], user, dry_run: bool = False):
    from ocop.exchange.engine import run_import

    return run_import(kind, f"{kind}.csv", csv_of(kind, rows), user, dry_run=dry_run)


def certificate_row(certificate: Certificate, **more: object) -> dict:
    row = {
        "Số giấy chứng nhận": certificate.number, "Mã số thuế chủ thể": certificate.product.producer.tax_code,
        "Tên sản phẩm": certificate.product.name, "Bộ sản phẩm": certificate.product.product_set_id,
        "Hạng sao": certificate.stars, "Căn cứ (quyết định bộ tiêu chí)": certificate.regime.document_number,
        "Cấp công nhận": level_label(certificate.deciding_level),
        "Số quyết định công nhận": certificate.decision_number,
        "Ngày quyết định": certificate.decision_date.strftime("%d/%m/%Y"),
        "Ngày cấp": certificate.issued_on.strftime("%d/%m/%Y"),
    }  # fmt: skip
    return {**row, **more}


def level_label(level: str) -> str:
    with translation.override("vi"):
        return str(DecidingLevel(level).label)


@pytest.fixture
def five_star(product_a) -> Certificate:
    """Recognised by the ministry (central), for a product of the province office's province."""
    return make_certificate(product_a, "5/GCN-BNN", "2025-03-01", stars=5)


def test_a_province_office_cannot_turn_the_ministrys_5_star_into_its_own_by_import(
    as_user, province_officer, five_star
):
    """The import updates a certificate by its number: rewriting the ministry's 5★ as the province's 4★ would make
    it the province's to revoke (the "decider" reach reads the recognising level as the record stands)."""
    assert not rights.may(province_officer, "revoke", five_star)
    row = certificate_row(five_star, **{"Hạng sao": 4, "Cấp công nhận": "UBND cấp tỉnh"})
    report = run("certificates", [row], province_officer)
    five_star.refresh_from_db()
    assert (five_star.stars, five_star.deciding_level) == (5, "central"), report.problems
    assert not report.written
    as_user(province_officer).post(f"/staff/certificates/{five_star.pk}/revoke/", REVOKE)
    five_star.refresh_from_db()
    assert five_star.revoked_on is None


def test_a_province_office_cannot_make_its_4_star_the_ministrys_5_star_by_import(province_officer, product_a):
    """The other way: a row turning the province's 4★ into a 5★ 'recognised by the ministry' issues a certificate in
    the ministry's name (docs/certificates.md: 5★ is the national office's central grant)."""
    four = make_certificate(product_a, "4/GCN-UBND", "2025-03-01", stars=4)
    row = certificate_row(four, **{"Hạng sao": 5, "Cấp công nhận": level_label("central")})
    report = run("certificates", [row], province_officer)
    four.refresh_from_db()
    assert (four.stars, four.deciding_level) == (4, "province") and not report.written, report.problems


def test_a_province_office_does_not_record_a_5_star_in_the_ministrys_name(as_user, province_officer, product_a):
    from ocop.evaluation.models import Regime

    data = {
        "product": product_a.pk, "number": "9/GCN-BNN", "stars": 5, "regime": Regime.objects.get(code="qd-1048-2019").pk,
        "deciding_level": "central", "decision_number": "9/QĐ-BNN", "decision_date": "10/05/2021",
        "issued_on": "10/05/2021", "valid_until": "09/05/2024",
    }  # fmt: skip
    response = as_user(province_officer).post("/staff/certificates/add/", data)
    assert response.status_code == 200 and not Certificate.objects.filter(number="9/GCN-BNN").exists()
    province = {**data, "number": "9/GCN-UBND", "stars": 4, "deciding_level": "province"}
    assert as_user(province_officer).post("/staff/certificates/add/", province).status_code == 302


def test_the_decider_query_and_record_test_agree_on_a_former_districts_recognition(
    province_officer, outsider_officer, product_a
):
    """A former district's 3★ of a commune on the legacy map: Đồng Nai's office (which took over Bình Phước) revokes
    it by the query and by the record test alike; Hà Nội's office and the national office by neither."""
    from conftest import make_user, unit
    from ocop.core.choices import RoleKind

    national = make_user("trunguong", RoleKind.NATIONAL_OFFICE, unit=unit("2025", "VN"))
    district = make_certificate(product_a, "3/GCN-UBND-H", "2021-06-01", stars=3, deciding_level="district")
    for user, expected in ((province_officer, True), (outsider_officer, False), (national, False)):
        listed = Certificate.objects.for_user(user, "revoke").filter(pk=district.pk).exists()
        assert (listed, rights.may(user, "revoke", district)) == (expected, expected), user
