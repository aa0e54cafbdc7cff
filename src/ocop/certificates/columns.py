"""The columns of certificates, each written once (exchange/columns.py): the legacy-certificate import kind and
the export list (certificates/exchange.py) read them."""

from typing import Any

from django.utils import timezone

from ocop.certificates import lifecycle
from ocop.certificates.choices import DecidingLevel, StatusLabel
from ocop.exchange import values as v
from ocop.exchange.columns import Column, ColumnSpec, choice

TAX, NAME, SET, REGIME = "Mã số thuế chủ thể", "Tên sản phẩm", "Bộ sản phẩm", "Căn cứ (quyết định bộ tiêu chí)"
STARS = "Hạng sao"
DAY = "dd/mm/yyyy"


def certificate_status(certificate: Any) -> str:
    """The status on the day of the export; the list's queryset annotates the next certificate's issue date."""
    facts = lifecycle.Facts(
        certificate.issued_on, certificate.valid_until, certificate.revoked_on,
        certificate.next_issued_on, certificate.extended_until,
    )  # fmt: skip
    return str(StatusLabel(lifecycle.status_on(facts, timezone.localdate())).label)


CERTIFICATES = ColumnSpec(
    Column(
        "Số giấy chứng nhận", "number", v.text, required=True, help="Khóa để cập nhật khi nhập lại", value="number",
        example="12/GCN-UBND",
    ),
    Column(
        TAX, "tax_code", v.text, required=True, help="Chủ thể và sản phẩm phải có sẵn",
        value="product.producer.tax_code", example="3802223334",
    ),
    Column(NAME, "product_name", v.text, required=True, value="product.name", example="Hạt điều rang muối"),
    Column(SET, "product_set", v.integer, required=True, help="Số bộ sản phẩm 1–26", value="product.product_set_id",
           example=7),
    Column(STARS, "stars", v.integer, required=True, help="3, 4 hoặc 5", value="stars", example=4),
    Column(
        REGIME, "regime", v.text, required=True, help="Số quyết định, ví dụ 1048/QĐ-TTg, 148/QĐ-TTg",
        value="regime.document_number", example="1048/QĐ-TTg",
    ),
    choice("Cấp công nhận", "deciding_level", DecidingLevel.choices, required=True, example="UBND cấp tỉnh"),
    Column("Số quyết định công nhận", "decision_number", v.text, required=True, value="decision_number",
           example="2345/QĐ-UBND"),
    Column("Ngày quyết định", "decision_date", v.date, required=True, help=DAY, value="decision_date",
           example="20/11/2020"),
    Column("Người ký", "decision_signer", v.text, value="decision_signer", example="Trần Tuệ Hiền"),
    Column("Ngày cấp", "issued_on", v.date, required=True, help=DAY, value="issued_on", example="25/11/2020"),
    Column("Có hiệu lực đến", "valid_until", v.date, help="Trống = 36 tháng kể từ ngày cấp", value="valid_until"),
    Column(
        "Mã sản phẩm OCOP", "product_code", v.text, help="Ví dụ 70-31-2021 hoặc 75-25441-003-2026",
        value="product_code", example="70-31-2020",
    ),
    Column("Tên chủ thể", value="product.producer.name"),
    Column("Xã/phường", value=lambda c: c.product.producer.commune.full_name()),
    Column("Tình trạng", value=certificate_status),
    Column("Mã xác minh", value="display_code"),
)  # fmt: skip
