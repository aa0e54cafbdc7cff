"""The downloadable template of each kind: Vietnamese headers, drop-down lists for choices, and an
instructions sheet ("Hướng dẫn", never imported) with each column's meaning and an example row."""

import io
from typing import cast

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ocop.exchange.kinds import KINDS

EXAMPLES: dict[str, list[str | int]] = {
    "producers": ["HTX Điều Minh Hưng", "Hợp tác xã", "3802223334", "15/03/2018", "Điểu Thị Lan", "Giám đốc",
                  "Nữ", "Xtiêng", "Không", "Xã Minh Hưng, Huyện Bù Đăng, Bình Phước", "Ấp 3", "01/01/2023",
                  "0271 3888999", ""],
    "products": ["3802223334", "Hạt điều rang muối", 7, "Đang sản xuất", "", "", "hộp 500 g", "TCCS 01:2023", "",
                 "320.000", "hộp"],
    "certificates": ["12/GCN-UBND", "3802223334", "Hạt điều rang muối", 7, 4, "1048/QĐ-TTg", "UBND cấp tỉnh",
                     "2345/QĐ-UBND", "20/11/2020", "Trần Tuệ Hiền", "25/11/2020", "", "70-31-2020"],
    "workforce": ["3802223334", 2024, 15, 6, 12],
    "events": ["Hội chợ OCOP Bình Phước 2024", "fair", "provincial", "Sở Công Thương", "Quảng trường tỉnh",
               "Tỉnh Bình Phước", "10/10/2024", "14/10/2024", "500.000.000", "Có"],
    "participations": ["Hội chợ OCOP Bình Phước 2024", "10/10/2024", "3802223334",
                       "Hạt điều rang muối; Điều nhân sấy", "A12", "12.000.000", 2, 15, "Có"],
    "sales_points": ["Trung tâm OCOP Đồng Xoài", "showroom_centre",
                     "Sở Công Thương", "Phường Tân Phú, Thành phố Đồng Xoài, Bình Phước", "Số 1 Hùng Vương", "",
                     "01/05/2022", "", "11,534100", "106,883200"],
    "listings": ["3802223334", "Hạt điều rang muối", 7, "Trung tâm OCOP Đồng Xoài", "", "01/01/2023", "", "",
                 "320.000"],
    "commune_statuses": ["Xã Minh Hưng, Huyện Bù Đăng, Bình Phước", 2023, "advanced",
                         "3456/QĐ-UBND", "20/12/2023"],
    "activities": ["training", "Tập huấn OCOP năm 2024", "Sở Nông nghiệp và PTNT", "Tỉnh Bình Phước",
                   "01/03/2024", "03/03/2024", "50.000.000", "provincial", "done", 40, ""],
    "supports": ["3802223334", "packaging", "20.000.000", "provincial", "01/04/2024",
                 "Thiết kế bao bì hộp 500 g", "Tập huấn OCOP năm 2024"],
}  # fmt: skip


def build_template(kind_name: str) -> bytes:
    kind = KINDS[kind_name]
    book = Workbook()
    data = cast(Worksheet, book.active)  # a new workbook has one sheet, active
    data.title = "Dữ liệu"
    data.append([c.header for c in kind.columns])
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="E8F1EC")
    for index, column in enumerate(kind.columns, start=1):
        cell = data.cell(row=1, column=index)
        cell.font, cell.fill = bold, fill
        data.column_dimensions[get_column_letter(index)].width = max(14, len(column.header) + 4)
        if column.choices:
            labels = ",".join(str(label).replace(",", " ") for _code, label in column.choices)
            if len(labels) < 250:  # Excel's limit for an inline list
                rule = DataValidation(type="list", formula1=f'"{labels}"', allow_blank=not column.required)
                rule.error, rule.errorTitle = "Chọn một giá trị trong danh sách.", kind.label
                data.add_data_validation(rule)
                rule.add(f"{get_column_letter(index)}2:{get_column_letter(index)}5000")
    data.freeze_panes = "A2"
    guide = book.create_sheet("Hướng dẫn")
    guide.append([f"Biểu mẫu nhập {kind.label}", "Trang này không được nhập; dữ liệu ghi ở trang “Dữ liệu”."])
    guide.append([])
    guide.append(["Cột", "Bắt buộc", "Ghi chú", "Ví dụ"])
    for index, column in enumerate(kind.columns):
        example = EXAMPLES.get(kind_name, [])
        choices = ", ".join(str(label) for _c, label in column.choices[:20])
        guide.append([
            column.header, "Có" if column.required else "", ". ".join(filter(None, [column.help, choices])),
            example[index] if index < len(example) else "",
        ])  # fmt: skip
    if kind.export_only:
        guide.append([])
        guide.append(["Cột chỉ để đọc trong tệp xuất (bỏ qua khi nhập):", ", ".join(kind.export_only)])
    for cell in guide[3]:
        cell.font = bold
    guide.column_dimensions["A"].width, guide.column_dimensions["C"].width = 32, 70
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
