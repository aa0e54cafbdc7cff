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
        example = kind.example
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
