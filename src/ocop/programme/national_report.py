"""The national review report (báo cáo sơ kết / tổng kết of the national programme) as DOCX and XLSX, in the
provincial report's layout (`reports.py`, Nghị định 30/2020/NĐ-CP): the ministry's coordination office reports,
the country's targets come first (with the chart), then one row per province of the plan's map with its rank."""

import datetime
import io
from dataclasses import dataclass, field
from typing import cast

from django.utils import timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from ocop.core.types import RequestUser
from ocop.monitoring.indicators import YearLines, year_lines, year_lines_by_area
from ocop.places.choices import REFORM_DATE
from ocop.places.queries import address_on
from ocop.programme.choices import IndicatorStatus
from ocop.programme.indicators.engine import Result
from ocop.programme.models import Plan
from ocop.programme.national import FIVE_STAR, NationalFigures, national_figures
from ocop.programme.reports import (
    FONT,
    INDICATOR_VI,
    SUPPRESSED_NOTE_VI,
    TARGET_ROWS,
    ReportData,
    _cell,
    _para,
    _table,
    chart_png,
    monitoring_cells,
    monitoring_header,
    monitoring_sheet_title,
    monitoring_title,
    result_rows,
    suppressed_in,
    title_of,
    value_text,
)

NAMES_VI = {**INDICATOR_VI, FIVE_STAR: "Sản phẩm OCOP 5 sao"}
MINISTRY_MERGED = datetime.date(2025, 3, 1)  # Bộ NN&PTNT and Bộ TN&MT became Bộ Nông nghiệp và Môi trường


@dataclass
class NationalReportData:
    figures: NationalFigures
    year: int
    final: bool
    monitoring: YearLines | None = None  # the year's inspections in the country, as the requester may view them
    monitoring_by_province: dict[int, YearLines] = field(default_factory=dict)  # a province's pk → its lines

    @property
    def as_of(self) -> datetime.date:
        return self.figures.day

    def base(self) -> ReportData:
        """The provincial report's data for the country, for its title and chart."""
        country = self.figures.country
        engine_results = [r for r in country.results if r.code != FIVE_STAR]
        issuer = address_on(self.figures.plan.province, self.as_of)
        return ReportData(self.figures.plan, self.year, self.as_of, self.final, engine_results, [], issuer)


def gather_national(plan: Plan, year: int, user: RequestUser) -> NationalReportData:
    if not plan.starts_on.year <= year <= plan.ends_on.year:
        raise ValueError(f"{year} is outside the plan's period {plan.starts_on.year}–{plan.ends_on.year}.")
    as_of = min(datetime.date(year, 12, 31), timezone.localdate())
    figures = national_figures(plan, as_of, user, sort="met")
    # Monitoring's own counting (monitoring.indicators), of the inspections the requester may view: the country,
    # then each province in a fixed number of queries.
    country = year_lines(user, year, as_of, within=plan.province)
    provinces = year_lines_by_area(user, year, as_of, [area.unit for area in figures.provinces])
    return NationalReportData(figures, year, year == plan.ends_on.year, country, provinces)


def monitoring_table(data: NationalReportData) -> tuple[list[str], list[list[str]]]:
    """The country's monitoring lines, then each province's, in the provinces' order of section II."""
    assert data.monitoring is not None
    header = monitoring_header()
    rows = [[data.figures.plan.province.name, *monitoring_cells(data.monitoring)]]
    for area in data.figures.provinces:
        lines = data.monitoring_by_province.get(area.unit.pk) or YearLines(data.year, 0, 0, 0, 0)
        rows.append([area.unit.name, *monitoring_cells(lines)])
    return header, rows


def target_rows(results: list[Result]) -> list[list[str]]:
    return result_rows(results, NAMES_VI)


def province_rows(data: NationalReportData) -> tuple[list[str], list[list[str]]]:
    results = data.figures.country.results
    header = ["Hạng", "Tỉnh, thành phố", *(f"CT{r.indicator.number}" for r in results), "Số chỉ tiêu đạt"]
    rows = [
        [str(area.rank), area.unit.name, *(value_text(r) for r in area.results), str(area.met)]
        for area in data.figures.provinces
    ]
    return header, rows


def map_note(data: NationalReportData) -> str:
    if data.as_of >= REFORM_DATE:
        return ""
    return (
        f"Số liệu được tổng hợp theo địa giới của Chương trình: {len(data.figures.provinces)} tỉnh, thành phố "
        f"từ ngày {REFORM_DATE:%d/%m/%Y}; hồ sơ ghi trên địa giới cũ được quy về tỉnh, thành phố mới."
    )


def issuer_lines(day: datetime.date) -> str:
    ministry = "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG" if day >= MINISTRY_MERGED else "BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN"
    return f"{ministry}\nVĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI TRUNG ƯƠNG"


def build_docx(data: NationalReportData) -> bytes:
    base = data.base()
    plan = data.figures.plan
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(13)
    section = doc.sections[0]
    section.left_margin, section.right_margin, section.top_margin = Cm(3), Cm(2), Cm(2)
    heading = doc.add_table(rows=1, cols=2)
    left, right = heading.rows[0].cells
    _cell(left, [(issuer_lines(data.as_of), True, False), ("Số:      /BC-VPĐP", False, False)])
    place = f"Hà Nội, ngày {data.as_of:%d} tháng {data.as_of:%m} năm {data.as_of:%Y}"
    _cell(right, [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False), ("Độc lập - Tự do - Hạnh phúc", True, False),
                  (place, False, True)])  # fmt: skip
    _para(doc, "BÁO CÁO", bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, f"{title_of(base)} trên phạm vi toàn quốc", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, f"(Số liệu tính đến ngày {data.as_of:%d/%m/%Y}, từ cơ sở dữ liệu OCOP)", italic=True,
          align=WD_ALIGN_PARAGRAPH.CENTER)  # fmt: skip
    if map_note(data):
        _para(doc, map_note(data), italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    basis = f"Quyết định số {plan.document_number}" if plan.document_number else plan.name
    if plan.document_date:
        basis += f" ngày {plan.document_date:%d/%m/%Y}"
    _para(doc, f"Căn cứ {basis} ({plan.name}); Văn phòng Điều phối nông thôn mới Trung ương báo cáo kết quả như sau:")
    _para(doc, "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU TRÊN PHẠM VI TOÀN QUỐC", bold=True)
    results = data.figures.country.results
    _table(doc, TARGET_ROWS, target_rows(results))
    met = sum(r.status == IndicatorStatus.MET for r in results)
    with_target = sum(r.target is not None for r in results)
    _para(doc, f"Có {met}/{with_target} chỉ tiêu có mục tiêu đạt; các chỉ tiêu còn lại cần tập trung chỉ đạo.")
    doc.add_picture(io.BytesIO(chart_png(base)), width=Cm(16))
    _para(doc, "Biểu đồ: tỷ lệ đạt được (cột) so với mục tiêu (vạch đen).", italic=True)
    _para(doc, "II. KẾT QUẢ THEO TỈNH, THÀNH PHỐ (XẾP HẠNG THEO SỐ CHỈ TIÊU ĐẠT)", bold=True)
    header, rows = province_rows(data)
    _table(doc, header, rows, size=7)
    if suppressed_in(results, *(area.results for area in data.figures.provinces)):
        _para(doc, SUPPRESSED_NOTE_VI, italic=True)
    if data.monitoring is not None:
        _para(doc, f"III. {monitoring_title(data.year)}", bold=True)
        header, rows = monitoring_table(data)
        _table(doc, header, rows, size=9)
    closing = doc.add_table(rows=1, cols=2)
    left, right = closing.rows[0].cells
    recipients = ["- Thủ tướng Chính phủ (để báo cáo);", "- Lãnh đạo Bộ (để báo cáo);",
                  "- UBND các tỉnh, thành phố;", "- Lưu: VT, VPĐP."]  # fmt: skip
    lines = [("Nơi nhận:", True, True), *((line, False, False) for line in recipients)]
    _cell(left, lines, align=WD_ALIGN_PARAGRAPH.LEFT, size=11)
    _cell(right, [("CHÁNH VĂN PHÒNG", True, False), ("\n\n\n", False, False)])
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def build_xlsx(data: NationalReportData) -> bytes:
    book = Workbook()
    sheet = cast(Worksheet, book.active)  # a new workbook has one sheet, active
    sheet.title = "Chỉ tiêu"
    sheet.append([f"{title_of(data.base())} trên phạm vi toàn quốc"])
    sheet.append([f"Số liệu đến ngày {data.as_of:%d/%m/%Y}. {map_note(data)}".strip()])
    sheet.append(TARGET_ROWS)
    for row in target_rows(data.figures.country.results):
        sheet.append(row)
    provinces = book.create_sheet("Theo tỉnh")
    header, rows = province_rows(data)
    provinces.append(header)
    for row in rows:
        provinces.append(row)
    if suppressed_in(data.figures.country.results, *(area.results for area in data.figures.provinces)):
        provinces.append([SUPPRESSED_NOTE_VI])
    for ws, header_row, wide in ((sheet, 3, "B"), (provinces, 1, "B")):
        for cell in ws[header_row]:
            cell.font = Font(bold=True)
        ws.column_dimensions[wide].width = 48 if ws is sheet else 28
    if data.monitoring is not None:
        lines = book.create_sheet(monitoring_sheet_title())
        lines.append([monitoring_title(data.year)])
        header, rows = monitoring_table(data)
        lines.append(header)
        for row in rows:
            lines.append(row)
        for cell in lines[2]:
            cell.font = Font(bold=True)
        lines.column_dimensions["A"].width = 28
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


BUILDERS = {"docx": build_docx, "xlsx": build_xlsx}
