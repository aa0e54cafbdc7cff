"""The public verification page says plainly how long a certificate was valid and, when it is no longer valid,
since when (issue 15 §5): an expired or revoked certificate's dates are not labelled "still valid"."""

import datetime as dt
import re

import pytest

from conftest import make_certificate, successor
from ocop.certificates import services

pytestmark = pytest.mark.django_db


def facts(client, certificate) -> dict[str, str]:
    page = client.get(f"/verify/{certificate.verification_code}/").content.decode()
    pairs = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", page, re.S)
    return {re.sub(r"\s+", " ", key).strip(): re.sub(r"<[^>]+>|\s+", " ", value).strip() for key, value in pairs}


def test_it_labels_an_expired_certificates_dates_as_its_validity_period_and_says_since_when(client, product_a):
    old = make_certificate(product_a, "1/GCN", "2020-01-15", stars=3)  # valid until 14/01/2023
    shown = facts(client, old)
    assert "Còn hiệu lực" not in shown and "Còn hiệu lực" not in shown.values()
    assert shown["Thời hạn hiệu lực"] == "15/01/2020 – 14/01/2023"
    assert shown["Không còn hiệu lực từ ngày"] == "15/01/2023"
    assert shown["Trạng thái"] == "Hết hiệu lực"
    assert client.get(f"/api/v1/verify/{old.display_code}").json()["no_longer_valid_since"] == "2023-01-15"


def test_a_revoked_certificate_is_no_longer_valid_from_the_revocation(client, product_a):
    certificate = make_certificate(product_a, "2/GCN", "2025-03-01")
    services.revoke(certificate, ground="d", on=dt.date(2026, 5, 4), authority="UBND", decision="9/QĐ")
    shown = facts(client, certificate)
    assert shown["Thời hạn hiệu lực"] == "01/03/2025 – 29/02/2028"
    assert shown["Không còn hiệu lực từ ngày"] == "04/05/2026"
    assert "Còn hiệu lực" not in shown


def test_a_superseded_certificate_is_no_longer_valid_from_the_newer_one(client, product_a):
    first = make_certificate(product_a, "3/GCN", "2023-03-01", stars=3)
    make_certificate(product_a, "4/GCN", "2025-08-01", stars=4)
    assert facts(client, first)["Không còn hiệu lực từ ngày"] == "01/08/2025"


def test_a_valid_certificate_shows_its_period_and_status_and_the_producers_address_of_today(client, product_a):
    certificate = make_certificate(product_a, "5/GCN", "2025-03-01")
    shown = facts(client, certificate)
    assert shown["Thời hạn hiệu lực"] == "01/03/2025 – 29/02/2028"
    assert shown["Trạng thái"] == "Còn hiệu lực"
    assert "Không còn hiệu lực từ ngày" not in shown
    new_commune = successor(product_a.producer.commune)  # old Xã Tân Lập, huyện Đồng Phú, Tỉnh Bình Phước
    producer = shown["Chủ thể"]
    assert f"{new_commune.name}, Thành phố Đồng Nai" in producer
    assert "trước đây: Xã Tân Lập, Huyện Đồng Phú, Tỉnh Bình Phước" in producer
