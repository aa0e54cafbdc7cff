"""The plan's review reports (báo cáo sơ kết / tổng kết) as DOCX in the Vietnamese administrative layout of
Nghị định 30/2020/NĐ-CP (motto block, issuing body, number, place and date, title, body, recipients,
signature), and as XLSX with the same tables. Charts are drawn with Pillow in the platform's font (core.fonts):
no plotting library needed."""

import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from django.utils import timezone, translation
from django.utils.translation import pgettext
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from ocop.core.fonts import DOCX_FONT, Canvas, wrap
from ocop.core.types import RequestUser
from ocop.monitoring.choices import INSPECTION_GROUNDS
from ocop.monitoring.indicators import YearLines, year_lines
from ocop.places.choices import LEGACY_LAST_DAY, MapVersion, map_at
from ocop.places.queries import Address, address_on, bare_name, in_sentence
from ocop.programme import disclosure
from ocop.programme.choices import IndicatorStatus
from ocop.programme.indicators.engine import PlanIndicators, Result

if TYPE_CHECKING:
    from ocop.programme.models import Plan

Progress = Callable[[int, int], None]
FONT = DOCX_FONT  # the decree's typeface (Nghị định 30/2020/NĐ-CP)


@dataclass
class ReportData:
    plan: "Plan"
    year: int
    as_of: datetime.date
    final: bool
    results: list[Result]
    units: list[tuple[Any, list[Result]]]  # the province's children (districts), each with its results
    issuer: Address  # the plan's province as named on the report's date: who reports
    monitoring: YearLines | None = None  # the year's inspections in the province, as the requester may view them

    @property
    def map_note(self) -> str:
        """Said in the report when its figures are on the plan's map and that map had changed by its date."""
        if self.plan.province.map == map_at(self.as_of):
            return ""
        return (
            f"Số liệu được tổng hợp theo địa giới hành chính của Kế hoạch: {self.plan.province.name} và các đơn vị "
            f"hành chính cấp huyện đến ngày {LEGACY_LAST_DAY:%d/%m/%Y} (nay thuộc {self.issuer.province.name})."
        )


def gather(
    plan: "Plan",
    year: int,
    progress: Progress | None = None,
    *,
    user: RequestUser | None = None,
    operator: bool = False,
) -> ReportData:
    """The report's figures. Its monitoring lines count the inspections of the plan's province that `user` may
    view (none without a user); `operator`: every one (the command line, run by the server's operator)."""
    if not plan.starts_on.year <= year <= plan.ends_on.year:
        raise ValueError(f"{year} is outside the plan's period {plan.starts_on.year}–{plan.ends_on.year}.")
    as_of = min(datetime.date(year, 12, 31), timezone.localdate())
    engine = PlanIndicators(plan)
    children = list(plan.province.children.order_by("code"))
    # The command line's operator reads everything; a person, what the rights table lets them (`disclosure`).
    shown = (lambda results: results) if operator else (lambda results: disclosure.protect(user, engine, results))
    results = shown(engine.results(plan.province, as_of))
    units = []
    for index, child in enumerate(children, start=1):
        units.append((child, shown(engine.results(child, as_of, trend=False))))
        if progress:
            progress(index, len(children))
    issuer = address_on(plan.province, as_of)
    monitoring = year_lines(user, year, as_of, within=plan.province, operator=operator)
    return ReportData(plan, year, as_of, year == plan.ends_on.year, results, units, issuer, monitoring)


def title_of(data: ReportData) -> str:
    kind = "Tổng kết" if data.final else "Sơ kết"
    period = f"giai đoạn {data.plan.starts_on.year}–{data.plan.ends_on.year}" if data.final else f"năm {data.year}"
    return f"{kind} thực hiện Chương trình Mỗi xã một sản phẩm (OCOP) {period}"


def fmt(value: float | None, kind: str = "count") -> str:
    if value is None:
        return "Chưa có số liệu"
    text = f"{value:,.1f}".rstrip("0").rstrip(".").replace(",", "·").replace(".", ",").replace("·", ".")
    return f"{text}%" if kind == "ratio" else text


STATUS_VI = {
    IndicatorStatus.MET: "Đạt", IndicatorStatus.ON_TRACK: "Đúng tiến độ",
    IndicatorStatus.AT_RISK: "Có nguy cơ không đạt", IndicatorStatus.OFF_TRACK: "Không đạt",
    IndicatorStatus.NO_DATA: "Chưa có số liệu", "": "—",
}  # fmt: skip
INDICATOR_VI = {
    "new_products": "Sản phẩm OCOP mới", "cumulative_products": "Lũy kế sản phẩm OCOP",
    "potential_5_star_share": "Sản phẩm tiềm năng 5 sao tham gia đánh giá cấp quốc gia",
    "renewed_share": "Sản phẩm hết hạn được củng cố, nâng cấp", "trained_workforce_share": "Lao động được đào tạo",
    "women_led_share": "Chủ thể OCOP do phụ nữ làm chủ",
    "ethnic_minority_led_share": "Chủ thể do người dân tộc thiểu số làm chủ",
    "coop_enterprise_share": "Chủ thể là HTX, doanh nghiệp",
    "value_chain_share": "Chủ thể tham gia chuỗi liên kết bền vững",
    "event_participation_share": "Sản phẩm tham gia xúc tiến thương mại",
    "district_showroom_coverage": "Huyện có trung tâm giới thiệu, bán sản phẩm OCOP",
    "tourism_products": "Sản phẩm du lịch cộng đồng OCOP", "supermarket_coverage": "Siêu thị, TTTM bán sản phẩm OCOP",
    "modern_channel_share": "Chủ thể tham gia kênh phân phối hiện đại",
    "ntm_commune_coverage": "Xã NTM nâng cao, kiểu mẫu có sản phẩm OCOP",
}  # fmt: skip
# A figure withheld from the report's requester (`programme.disclosure`), and the note that explains the mark.
SUPPRESSED_VI = "—*"
SUPPRESSED_NOTE_VI = (
    f"(*) Ẩn để bảo vệ dữ liệu cá nhân (nhóm nhỏ: dưới {disclosure.K} chủ thể được tính hoặc không được tính)."
)
TARGET_ROWS = ["STT", "Chỉ tiêu", "Mục tiêu", "Kết quả", "Tử số / mẫu số", "Đánh giá"]


def target_rows(data: ReportData) -> list[list[str]]:
    return result_rows(data.results, INDICATOR_VI)


def result_rows(results: list[Result], names: dict[str, str]) -> list[list[str]]:
    """The indicators' table (the province's review report, the national one): one row per result."""
    rows = []
    for r in results:
        target = "—" if r.target is None else f"{comparison(r)} {fmt(float(r.target), r.indicator.kind)}"
        numerator = SUPPRESSED_VI if r.suppressed else fmt(r.numerator)
        ratio = "—" if r.denominator is None else f"{numerator} / {fmt(r.denominator)}"
        if r.not_stated is not None and r.denominator is not None:
            ratio += f" (không rõ: {fmt(r.not_stated)})"
        rows.append([str(r.indicator.number), names[r.code], target, value_text(r), ratio,
                     STATUS_VI.get(r.status, "—")])  # fmt: skip
    return rows


def value_text(r: Result) -> str:
    return SUPPRESSED_VI if r.suppressed else fmt(r.value, r.indicator.kind)


def suppressed_in(*groups: list[Result]) -> bool:
    """Whether a figure of these results is withheld (the tables then carry `SUPPRESSED_NOTE_VI`)."""
    return any(r.suppressed for results in groups for r in results)


def comparison(r: Result) -> str:
    return {"gte": "≥", "gt": ">", "lte": "≤"}.get(r.comparison, "≥")


def unit_rows(data: ReportData) -> tuple[list[str], list[list[str]]]:
    header = ["Đơn vị", *(f"CT{r.indicator.number}" for r in data.results)]
    rows = [[unit.name, *(value_text(r) for r in results)] for unit, results in data.units]
    return header, rows


def monitoring_title(year: int) -> str:
    with translation.override("vi"):
        return pgettext("review report", "POST-RECOGNITION MONITORING (HẬU KIỂM) IN %(year)s") % {"year": year}


def monitoring_header(first: str = "") -> list[str]:
    """The columns of a monitoring table with one row per place (the national report's provinces)."""
    with translation.override("vi"):
        return [
            first or pgettext("review report", "Province or city"),
            pgettext("review report", "Products inspected in the year"),
            pgettext("review report", "Share compliant"),
            pgettext("review report", "Remedies overdue"),
            *(pgettext("review report", "Revocations on ground %(ground)s") % {"ground": f"({g})"}
              for g in INSPECTION_GROUNDS),
        ]  # fmt: skip


def share_text(lines: YearLines) -> str:
    share = lines.share_compliant
    return fmt(None if share is None else float(share), "ratio") + (
        f" ({lines.compliant}/{lines.decided})" if lines.decided else ""
    )


def monitoring_cells(lines: YearLines) -> list[str]:
    """One place's monitoring figures, in `monitoring_header`'s order."""
    return [str(lines.inspected), share_text(lines), str(lines.remedies_overdue),
            *(str(lines.revocations.get(g, 0)) for g in INSPECTION_GROUNDS)]  # fmt: skip


def monitoring_rows(lines: YearLines, day: datetime.date) -> list[list[str]]:
    """The year's monitoring lines (monitoring.indicators.year_lines) as a two-column table: products inspected in
    the year, the share found compliant, remedies overdue on the report's date, revocations by ground."""
    with translation.override("vi"):
        overdue = pgettext("review report", "Remedies overdue on %(day)s") % {"day": f"{day:%d/%m/%Y}"}
        return [
            [pgettext("review report", "Products inspected in the year"), str(lines.inspected)],
            [pgettext("review report", "Share compliant"), share_text(lines)],
            [overdue, str(lines.remedies_overdue)],
            *([pgettext("review report", "Revocations on ground %(ground)s") % {"ground": label}, str(n)]
              for label, n in lines.revocation_lines()),
        ]  # fmt: skip


def monitoring_table_header() -> list[str]:
    with translation.override("vi"):
        return [pgettext("review report", "Line"), pgettext("review report", "Figure")]


def monitoring_sheet_title() -> str:
    with translation.override("vi"):
        return pgettext("review report", "Monitoring")


def chart_canvas(data: ReportData) -> Canvas:
    """Ratio indicators: value (bar) against target (tick), 0–100%, each labelled with its full name."""
    ratios = [r for r in data.results if r.indicator.kind == "ratio"]
    # Labels on the left, bars in the middle, each value in a column of its own on the right (a value written
    # after its bar would run into the target's tick).
    width, left, right, size, line = 1400, 620, 1200, 20, 26
    labels = [wrap(f"{r.indicator.number}. {INDICATOR_VI[r.code]}", left - 30, size) for r in ratios]
    heights = [max(46, line * len(lines) + 14) for lines in labels]
    canvas = Canvas(width, sum(heights) + 40)
    scale = (right - left) / 100
    y = 20
    for r, lines, row in zip(ratios, labels, heights, strict=True):
        for index, text in enumerate(lines):
            canvas.text((10, y + 8 + index * line), text, size)
        value = min(r.value or 0, 100)
        colour = {"met": "#2e7d32", "on_track": "#1565c0", "at_risk": "#f9a825"}.get(r.status, "#c62828")
        middle = y + row // 2
        canvas.draw.rectangle([left, middle - 16, left + value * scale, middle + 16], fill=colour)
        if r.target is not None:
            x = left + min(float(r.target), 100.0) * scale
            canvas.draw.line([x, middle - 22, x, middle + 22], fill="black", width=4)
        canvas.text((right + 16, middle - 13), value_text(r), size)
        y += row
    return canvas


def chart_png(data: ReportData) -> bytes:
    return chart_canvas(data).png()


def build_docx(data: ReportData) -> bytes:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(13)
    section = doc.sections[0]
    section.left_margin, section.right_margin, section.top_margin = Cm(3), Cm(2), Cm(2)
    _heading_block(doc, data)
    _para(doc, "BÁO CÁO", bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, title_of(data), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, f"(Số liệu tính đến ngày {data.as_of:%d/%m/%Y}, từ cơ sở dữ liệu OCOP của tỉnh)", italic=True,
          align=WD_ALIGN_PARAGRAPH.CENTER)  # fmt: skip
    if data.map_note:
        _para(doc, data.map_note, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, f"Căn cứ {data.plan.name}; Ủy ban nhân dân {in_sentence(data.issuer.province)} báo cáo kết quả như sau:")
    _para(doc, "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", bold=True)
    _table(doc, TARGET_ROWS, target_rows(data))
    if suppressed_in(data.results):
        _para(doc, SUPPRESSED_NOTE_VI, italic=True)
    met = sum(r.status == IndicatorStatus.MET for r in data.results)
    _para(doc, f"Có {met}/{len(data.results)} chỉ tiêu đạt; các chỉ tiêu còn lại cần tập trung chỉ đạo thực hiện.")
    doc.add_picture(io.BytesIO(chart_png(data)), width=Cm(16))
    _para(doc, "Biểu đồ: tỷ lệ đạt được (cột) so với mục tiêu (vạch đen).", italic=True)
    units_title = "II. KẾT QUẢ THEO ĐƠN VỊ HÀNH CHÍNH"
    if data.map_note:
        units_title += f" (ĐỊA GIỚI ĐẾN NGÀY {LEGACY_LAST_DAY:%d/%m/%Y})"
    _para(doc, units_title, bold=True)
    header, rows = unit_rows(data)
    _table(doc, header, rows, size=8)
    if suppressed_in(*(results for _unit, results in data.units)):
        _para(doc, SUPPRESSED_NOTE_VI, italic=True)
    _para(doc, "III. CÁC NHÓM GIẢI PHÁP", bold=True)
    for solution in data.plan.solutions.prefetch_related("tasks"):
        tasks = list(solution.tasks.all())
        done = sum(t.status == "done" for t in tasks)
        _para(doc, f"{solution.number}. {solution.title}: {len(tasks)} nhiệm vụ, {done} đã hoàn thành.")
    if data.monitoring is not None:
        _para(doc, f"IV. {monitoring_title(data.year)}", bold=True)
        _table(doc, monitoring_table_header(), monitoring_rows(data.monitoring, data.as_of))
    _closing_block(doc, data)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _heading_block(doc: DocxDocument, data: ReportData) -> None:
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    province = data.issuer.province  # who reports: the province as of the report's date
    _cell(left, [(f"ỦY BAN NHÂN DÂN\n{province.name.upper()}", True, False), ("Số:      /BC-UBND", False, False)])
    _cell(right, [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False), ("Độc lập - Tự do - Hạnh phúc", True, False),
                  (f"{bare_name(province)}, ngày {data.as_of:%d} tháng {data.as_of:%m} năm {data.as_of:%Y}", False,
                   True)])  # fmt: skip


def _closing_block(doc: DocxDocument, data: ReportData) -> None:
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    # Local committees as on the report's date: districts until 30/06/2025, communes and wards from then on.
    local = "UBND các xã, phường" if map_at(data.as_of) == MapVersion.V2025 else "UBND các huyện, thị xã, thành phố"
    city = data.issuer.province.division_type.startswith("thành phố")
    recipients = [
        "- Văn phòng Điều phối NTM Trung ương;",
        f"- Thường trực {'Thành ủy, HĐND thành phố' if city else 'Tỉnh ủy, HĐND tỉnh'};",
        f"- Các sở, ngành; {local};", "- Lưu: VT.",
    ]  # fmt: skip
    lines = [("Nơi nhận:", True, True), *((line, False, False) for line in recipients)]
    _cell(left, lines, align=WD_ALIGN_PARAGRAPH.LEFT, size=11)
    _cell(right, [("TM. ỦY BAN NHÂN DÂN", True, False), ("KT. CHỦ TỊCH", True, False), ("PHÓ CHỦ TỊCH", True, False),
                  ("\n\n\n", False, False)])  # fmt: skip


def _cell(
    cell: Any, lines: list[tuple[str, bool, bool]], align: Any = WD_ALIGN_PARAGRAPH.CENTER, size: int = 13
) -> None:
    cell.paragraphs[0].text = ""
    for index, (text, bold, italic) in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.alignment = align
        run = paragraph.add_run(text)
        run.bold, run.italic, run.font.size, run.font.name = bold, italic, Pt(size), FONT


def _para(
    doc: DocxDocument,
    text: str,
    bold: bool = False,
    italic: bool = False,
    size: int = 13,
    align: WD_ALIGN_PARAGRAPH | None = None,
) -> None:
    paragraph = doc.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    run = paragraph.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)


def _table(doc: DocxDocument, header: list[str], rows: list[list[str]], size: int = 11) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold, run.font.size = True, Pt(size)
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).font.size = Pt(size)


def build_xlsx(data: ReportData) -> bytes:
    book = Workbook()
    sheet = cast(Worksheet, book.active)  # a new workbook has one sheet, active
    sheet.title = "Chỉ tiêu"
    sheet.append([title_of(data)])
    sheet.append([f"Số liệu đến ngày {data.as_of:%d/%m/%Y}. {data.map_note}".strip()])
    sheet.append(TARGET_ROWS)
    for row in target_rows(data):
        sheet.append(row)
    units = book.create_sheet("Theo đơn vị")
    header, rows = unit_rows(data)
    units.append(header)
    for row in rows:
        units.append(row)
    if suppressed_in(data.results):
        sheet.append([SUPPRESSED_NOTE_VI])
    if suppressed_in(*(results for _unit, results in data.units)):
        units.append([SUPPRESSED_NOTE_VI])
    for ws in (sheet, units):
        for cell in ws[3 if ws is sheet else 1]:
            cell.font = Font(bold=True)
        ws.column_dimensions["B" if ws is sheet else "A"].width = 48
    if data.monitoring is not None:
        lines = book.create_sheet(monitoring_sheet_title())
        lines.append([monitoring_title(data.year)])
        lines.append(monitoring_table_header())
        for row in monitoring_rows(data.monitoring, data.as_of):
            lines.append(row)
        for cell in lines[2]:
            cell.font = Font(bold=True)
        lines.column_dimensions["A"].width = 60
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


BUILDERS = {"docx": build_docx, "xlsx": build_xlsx}
