"""Only the authority that recognised a certificate revokes it (QĐ 26/2026 Điều 8): the province's office for the
province's (or a former district's) recognition, the national office for the ministry's 5★. The right is the
rights table's "revoke" with the reach "decider"; its query and its test of one record give the same answers."""

import datetime as dt

import pytest

from conftest import make_certificate, make_product, make_user, unit
from ocop.certificates.models import Certificate
from ocop.core import rights
from ocop.core.choices import RoleKind
from ocop.core.models import ChangeLog

pytestmark = pytest.mark.django_db
REVOKE = {
    "revocation_ground": "d",
    "revoked_on": "01/06/2025",
    "revocation_authority": "Cơ quan công nhận",
    "revocation_decision": "99/QĐ",
}


@pytest.fixture
def national(db):
    return make_user("trunguong", RoleKind.NATIONAL_OFFICE, unit=unit("2025", "VN"))


@pytest.fixture
def five_star(product_a) -> Certificate:
    """Recognised by the ministry, for a product of Đồng Nai."""
    return make_certificate(product_a, "5/GCN-BNN", "2025-03-01", stars=5)


@pytest.fixture
def three_star(producer_a) -> Certificate:
    """Recognised by Đồng Nai's People's Committee."""
    return make_certificate(make_product(producer_a, "Điều tỏi ớt"), "3/GCN-UBND", "2025-03-01", stars=3)


def _url(certificate: Certificate) -> str:
    return f"/staff/certificates/{certificate.pk}/revoke/"


def _untouched(certificate: Certificate) -> None:
    certificate.refresh_from_db()
    assert certificate.revoked_on is None and certificate.revocation_ground == ""
    assert not ChangeLog.objects.filter(
        content_type__model="certificate", object_id=str(certificate.pk), action="update"
    ).exists()


def test_a_province_office_does_not_revoke_the_ministrys_5_star(as_user, province_officer, five_star):
    office = as_user(province_officer)
    assert office.get(five_star.get_absolute_url()).status_code == 200  # in its province: it sees it
    assert _url(five_star) not in office.get(five_star.get_absolute_url()).content.decode()  # no button
    assert office.get(_url(five_star)).status_code == 403
    assert office.post(_url(five_star), REVOKE).status_code == 403
    _untouched(five_star)


def test_the_national_office_does_not_revoke_a_provinces_3_star(as_user, national, three_star):
    ministry = as_user(national)
    assert ministry.get(three_star.get_absolute_url()).status_code == 200
    assert _url(three_star) not in ministry.get(three_star.get_absolute_url()).content.decode()
    assert ministry.get(_url(three_star)).status_code == 403
    assert ministry.post(_url(three_star), REVOKE).status_code == 403
    _untouched(three_star)


def test_another_provinces_office_does_not_even_see_it(as_user, outsider_officer, three_star):
    assert as_user(outsider_officer).post(_url(three_star), REVOKE).status_code == 404
    _untouched(three_star)


def test_each_authority_revokes_what_it_recognised(as_user, province_officer, national, three_star, five_star):
    office = as_user(province_officer)
    assert _url(three_star) in office.get(three_star.get_absolute_url()).content.decode()
    assert office.post(_url(three_star), REVOKE).status_code == 302
    ministry = as_user(national)
    assert _url(five_star) in ministry.get(five_star.get_absolute_url()).content.decode()
    future = {**REVOKE, "revoked_on": (dt.date.today() + dt.timedelta(days=3)).strftime("%d/%m/%Y")}
    response = ministry.post(_url(five_star), future)  # bad input from the rightful authority: told, nothing saved
    assert response.status_code == 400 and "tương lai" in response.content.decode()
    _untouched(five_star)
    assert ministry.post(_url(five_star), REVOKE).status_code == 302
    for certificate in (three_star, five_star):
        certificate.refresh_from_db()
        assert certificate.revoked_on == dt.date(2025, 6, 1) and certificate.revocation_ground == "d"


def test_a_former_districts_recognition_is_revoked_by_the_province(producer_a, province_officer, national):
    old = Certificate(product=make_product(producer_a, "Mật ong"), stars=3, deciding_level="district")
    assert rights.may(province_officer, "revoke", old)
    assert not rights.may(national, "revoke", old)


def test_the_query_and_the_record_test_agree_on_who_revokes(
    province_officer, national, outsider_officer, officer_a, producer_user, viewer, three_star, five_star
):
    Certificate.objects.filter(pk=three_star.pk).update(deciding_level="district")  # a former district's 3★
    four_star = make_certificate(make_product(three_star.product.producer, "Trà"), "4/GCN", "2025-03-01", stars=4)
    expected = {
        province_officer: {three_star.pk, four_star.pk},
        national: {five_star.pk},
        outsider_officer: set(),
        officer_a: set(),
        producer_user: set(),
        viewer: set(),
    }
    records = list(Certificate.objects.all())
    for user, allowed in expected.items():
        queried = set(Certificate.objects.for_user(user, "revoke").values_list("pk", flat=True))
        tested = {c.pk for c in records if rights.may(user, "revoke", c)}
        assert queried == tested == allowed, user
