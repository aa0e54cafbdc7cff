"""A certificate and its decision name places and the issuing authority as on the document's date (issue 18 §2):
before 01/07/2025 on the three-level map, from then on the two-level map, with the former names. Every letter of
both is drawn by the platform's font with its glyph (ocop.core.tests.pdf_glyphs)."""

import datetime as dt

import pytest

from conftest import make_certificate, make_producer, make_product, unit
from ocop.certificates.pdf import certificate_pdf
from ocop.core.tests.pdf_glyphs import assert_drawn, squash
from ocop.registry.services import record_address

pytestmark = pytest.mark.django_db

OLD_ADDRESS = "Thôn 3, Xã Đức Hạnh, Huyện Bù Gia Mập, Tỉnh Bình Phước"
NEW_ADDRESS = "Thôn 3, Xã Phú Nghĩa, Thành phố Đồng Nai"  # Đức Hạnh merged into Phú Nghĩa on 01/07/2025
FORMER = "(trước đây: Xã Đức Hạnh, Huyện Bù Gia Mập, Tỉnh Bình Phước)"


@pytest.fixture
def producer(db):
    """A cooperative registered in 2023 in Xã Đức Hạnh, a commune merged in the 2025 reform."""
    return make_producer("HTX Đức Hạnh", unit("legacy", "25228"), "3809990001", address="Thôn 3")


def pdf_text(certificate) -> str:
    product = certificate.product
    pdf = certificate_pdf(certificate, "https://ocop.example/verify/X/")
    return assert_drawn(pdf, ["GIẤY CHỨNG NHẬN SẢN PHẨM OCOP", "Độc lập - Tự do - Hạnh phúc", product.name,
                              product.producer.name, product.product_set.name])  # fmt: skip


def test_a_certificate_of_2024_names_the_district_and_the_province_of_2024(producer):
    certificate = make_certificate(make_product(producer, "Mật ong Đức Hạnh"), "7/GCN", "2024-05-10")
    text = pdf_text(certificate)
    assert squash(OLD_ADDRESS) in text
    assert squash("của Chủ tịch UBND tỉnh Bình Phước") in text
    assert "ĐồngNai" not in text and "trướcđây" not in text


def test_a_certificate_of_22_07_2026_names_the_commune_and_province_of_that_day_and_the_former_names(producer):
    certificate = make_certificate(make_product(producer, "Mật ong Đức Hạnh"), "8/GCN", "2026-07-22")
    text = pdf_text(certificate)
    assert squash(NEW_ADDRESS + FORMER) in text
    assert squash("ngày 22/07/2026 của Chủ tịch UBND thành phố Đồng Nai") in text
    assert squash(OLD_ADDRESS) not in text and "tỉnhBìnhPhước" not in text


def test_a_decision_signed_before_the_reform_and_issued_after_it_names_each_on_its_day(producer):
    product = make_product(producer, "Mật ong Đức Hạnh")
    certificate = make_certificate(product, "9/GCN", "2025-07-03", decision_date=dt.date(2025, 6, 27))
    text = pdf_text(certificate)
    assert squash(NEW_ADDRESS + FORMER) in text
    assert squash("ngày 27/06/2025 của Chủ tịch UBND tỉnh Bình Phước") in text


def test_an_address_recorded_on_the_new_map_is_the_one_printed_after_the_move(producer):
    new_commune = unit("2025", "25267")
    record_address(producer, new_commune, "Tổ 5", dt.date(2025, 9, 1))
    product = make_product(producer, "Mật ong Đức Hạnh")
    before = pdf_text(make_certificate(product, "10/GCN", "2024-05-10"))
    after = pdf_text(make_certificate(product, "11/GCN", "2026-07-22"))
    assert squash(OLD_ADDRESS) in before
    assert squash("Tổ 5, Xã Phú Nghĩa, Thành phố Đồng Nai (trước đây: Huyện Bù Gia Mập") in after


def test_a_five_star_certificate_names_the_ministry_of_its_day(producer):
    product = make_product(producer, "Mật ong Đức Hạnh")
    assert squash("của Bộ trưởng Bộ Nông nghiệp và Phát triển nông thôn") in pdf_text(
        make_certificate(product, "12/GCN", "2024-05-10", stars=5)
    )
    assert squash("của Bộ trưởng Bộ Nông nghiệp và Môi trường") in pdf_text(
        make_certificate(product, "13/GCN", "2026-07-22", stars=5)
    )


def test_the_office_downloads_the_decision_with_its_annex_named_on_its_day(
    as_user, province_officer, officer_b, producer, product_a
):
    first = make_certificate(make_product(producer, "Mật ong Đức Hạnh"), "14/GCN", "2026-07-22")
    make_certificate(product_a, "15/GCN", "2026-07-22", decision_number=first.decision_number)
    make_certificate(product_a, "16/GCN", "2026-07-22", decision_number="QĐ khác", stars=3)
    response = as_user(province_officer).get(f"/staff/certificates/{first.pk}/decision.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = assert_drawn(
        b"".join(response.streaming_content),
        ["ỦY BAN NHÂN DÂN THÀNH PHỐ ĐỒNG NAI", f"Số: {first.decision_number}", "Đồng Nai, ngày 22 tháng 07 năm 2026",
         "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ ĐỒNG NAI", "Công nhận 2 sản phẩm đạt chuẩn OCOP", "QUYẾT ĐỊNH:",
         "14/GCN", "15/GCN", "4 sao"],
        in_cells=["Mật ong Đức Hạnh", "HTX Đức Hạnh", NEW_ADDRESS + " " + FORMER, "Hạt điều rang muối Tân Lập",
                  "Xã Đồng Phú, Thành phố Đồng Nai"],
    )  # fmt: skip
    assert "16/GCN" not in text and "BìnhPhước," not in text.split("trướcđây")[0]
    assert as_user(officer_b).get(f"/staff/certificates/{first.pk}/decision.pdf").status_code == 404
