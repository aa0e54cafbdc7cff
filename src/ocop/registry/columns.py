"""The columns of producers, products and the workforce, each written once (exchange/columns.py): the import
kinds and the export lists (registry/exchange.py) read them. File headers are the office's Vietnamese words,
stable so that old files still import."""

import datetime
from typing import Any

from ocop.exchange import values as v
from ocop.exchange.columns import Column, ColumnSpec, choice, yes_no_of
from ocop.registry.choices import Ethnicity, Gender, LegalForm, ProductStatus

TAX = "Mã số thuế chủ thể"
COMMUNE = "Xã/phường"
PRODUCT_SET = "Bộ sản phẩm"
DAY = "dd/mm/yyyy"
REVENUE = "Doanh thu năm (đồng)"  # annual revenue (VND), optional: DoanhThuNam of the open data


def current_address_since(producer: Any) -> datetime.date | None:
    current = [a for a in producer.addresses.all() if a.valid_to is None]
    return current[0].valid_from if current else None


def producer_commune(obj: Any) -> str:
    return obj.producer.commune.full_name()


PRODUCERS = ColumnSpec(
    Column("Tên chủ thể", "name", v.text, required=True, value="name", example="HTX Điều Minh Hưng"),
    choice("Loại hình", "legal_form", LegalForm.choices, required=True, example="Hợp tác xã"),
    Column(
        "Mã số thuế / số ĐKKD", "tax_code", v.text, required=True, help="Khóa để cập nhật khi nhập lại",
        value="tax_code", example="3802223334",
    ),
    Column("Ngày thành lập", "founded_on", v.date, help=DAY, value="founded_on", example="15/03/2018"),
    Column("Người đại diện", "representative_name", v.text, required=True, value="representative_name",
           example="Điểu Thị Lan"),
    Column("Chức vụ", "representative_position", v.text, value="representative_position", example="Giám đốc"),
    choice("Giới tính người đại diện", "representative_gender", Gender.choices, help="Trống = không rõ", example="Nữ"),
    choice("Dân tộc", "representative_ethnicity", Ethnicity.choices, help="Trống = không rõ", example="Xtiêng"),
    Column(
        "Người khuyết tật", "representative_disability", v.yes_no, help="Có / Không",
        value=yes_no_of("representative_disability"), example="Không",
    ),
    Column(
        COMMUNE, "commune", v.text, required=True, help="Tên (kèm huyện, tỉnh nếu trùng) hoặc mã xã",
        depends_on_date=True, value=lambda p: p.commune.full_name(), example="Xã Minh Hưng, Huyện Bù Đăng, Bình Phước",
    ),
    Column("Địa chỉ", "address", v.text, value="address", example="Ấp 3"),
    Column(
        "Địa chỉ từ ngày", "address_since", v.date, help="Ngày dùng để đọc bản đồ hành chính; trống = hôm nay",
        value=current_address_since, example="01/01/2023",
    ),
    Column("Điện thoại", "phone", v.text, value="phone", example="0271 3888999"),
    Column("Email", "email", v.text, value="email"),
    Column("Số sản phẩm", value="product_count"),
)  # fmt: skip

PRODUCTS = ColumnSpec(
    Column(
        TAX, "producer", v.text, required=True, help="Chủ thể phải có sẵn (nhập chủ thể trước)",
        value="producer.tax_code", example="3802223334",
    ),
    Column("Tên sản phẩm", "name", v.text, required=True, value="name", example="Hạt điều rang muối"),
    Column(
        PRODUCT_SET, "product_set", v.integer, required=True, help="Số bộ sản phẩm 1–26 (QĐ 26/2026)",
        value="product_set_id", example=7,
    ),
    choice("Trạng thái", "status", ProductStatus.choices, example="Đang sản xuất"),
    Column("Mô tả", "description", v.text, value="description"),
    Column("Câu chuyện sản phẩm", "story", v.text, value="story"),
    Column("Bao bì", "packaging", v.text, value="packaging", example="hộp 500 g"),
    Column("Tiêu chuẩn, công bố chất lượng", "standards", v.text, value="standards", example="TCCS 01:2023"),
    Column("Mã truy xuất", "traceability_code", v.text, value="traceability_code"),
    Column("Giá (đồng)", "price", v.number, value="price", example="320.000"),
    Column("Đơn vị tính", "price_unit", v.text, value="price_unit", example="hộp"),
    Column("Tên chủ thể", value="producer.name"),
    Column(COMMUNE, value=producer_commune),
    # The certificates app annotates the list with the current stars (certificates/exchange.py).
    Column("Hạng sao hiện tại", value=lambda p: getattr(p, "current_stars", None)),
)  # fmt: skip

WORKFORCE = ColumnSpec(
    Column(TAX, "tax_code", v.text, required=True, help="Chủ thể phải có sẵn", value="producer.tax_code",
           example="3802223334"),
    Column("Năm", "year", v.integer, required=True, help="Ví dụ 2024", value="year", example=2024),
    Column("Tổng số lao động", "workers", v.integer, required=True, value="workers", example=15),
    Column("Lao động có bằng cấp, chứng chỉ", "trained_workers", v.integer, value="trained_workers", example=6),
    Column("Lao động địa phương", "local_workers", v.integer, value="local_workers", example=12),
    Column(REVENUE, "revenue", v.integer, help="Không bắt buộc; để trống nếu chưa biết", value="revenue"),
    Column("Tên chủ thể", value="producer.name"),
    Column(COMMUNE, value=producer_commune),
)  # fmt: skip
