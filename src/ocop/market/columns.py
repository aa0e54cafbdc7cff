"""The columns of the market and programme records, each written once (exchange/columns.py): the import kinds
(market/exchange/), the export lists and the list pages (market/views.py) read them. File headers are the
office's Vietnamese words, stable so that old files still import; page labels are translated."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from ocop.exchange import values as v
from ocop.exchange.columns import Column, ColumnSpec, choice, yes_no_of
from ocop.market import choices as ch

TAX = "Mã số thuế chủ thể"
COMMUNE = "Xã/phường"
AREA = "Địa bàn"
AREA_HELP = (
    "Mã hoặc tên tỉnh, huyện, xã (kèm huyện, tỉnh nếu trùng: “Huyện Đồng Phú, Tỉnh Bình Phước”), "
    "trên bản đồ hành chính của ngày bắt đầu"
)
COMMUNE_HELP = "Tên (kèm huyện, tỉnh nếu trùng) hoặc mã xã, trên bản đồ hành chính của "
EVENT_NAME, EVENT_START, PRODUCTS = "Tên sự kiện", "Ngày bắt đầu sự kiện", "Sản phẩm trưng bày"
PRODUCT_NAME, POINT_NAME, POINT_KIND = "Tên sản phẩm", "Tên điểm bán", "Loại điểm bán"
ACTIVITY = "Thuộc hoạt động"
DAY = "dd/mm/yyyy"
PRODUCER_NAME = "Tên chủ thể"


def unit_name(obj: Any) -> str:
    """The unit's full name in the files (the import reads it back on any map)."""
    return obj.unit.full_name() if obj.unit_id else ""


def unit_short(obj: Any) -> str:
    """The unit's own name on the page."""
    return obj.unit.name if obj.unit_id else "—"


def product_names(obj: Any) -> str:
    return "; ".join(sorted(product.name for product in obj.products.all()))


def producer_commune(obj: Any) -> str:
    return obj.producer.commune.full_name()


EVENTS = ColumnSpec(
    Column(
        EVENT_NAME, "name", v.text, required=True, help="Tên và ngày bắt đầu là khóa để cập nhật khi nhập lại",
        value="name", label=_("Name"), example="Hội chợ OCOP Bình Phước 2024",
    ),
    choice("Loại sự kiện", "kind", ch.EventKind.choices, required=True, label=_("Type"), example="fair"),
    choice("Cấp", "level", ch.EventLevel.choices, required=True, label=_("Level"), example="provincial"),
    Column("Đơn vị tổ chức", "organiser", v.text, value="organiser", example="Sở Công Thương"),
    Column(
        "Địa điểm", "place", v.text, help="Nơi tổ chức, hoặc nền tảng trực tuyến", value="place",
        example="Quảng trường tỉnh",
    ),
    Column(
        AREA, "unit", v.text, help=AREA_HELP + "; trống nếu ở nước ngoài hoặc trực tuyến", value=unit_name,
        label=_("Held in"), show=unit_short, example="Tỉnh Bình Phước",
    ),
    Column(
        "Từ ngày", "starts_on", v.date, required=True, help=DAY, value="starts_on", label=_("From"),
        example="10/10/2024",
    ),
    Column(
        "Đến ngày", "ends_on", v.date, required=True, help=DAY, value="ends_on", label=_("To"), example="14/10/2024",
    ),
    Column("Kinh phí hỗ trợ (đồng)", "budget", v.number, value="budget", example="500.000.000"),
    Column(
        "Cho đăng ký tham gia", "registration_open", v.yes_no, help="Có / Không",
        value=yes_no_of("registration_open"), example="Có",
    ),
    Column("Số chủ thể tham gia", value="participant_count"),
    Column("Đã xác nhận", value=yes_no_of("confirmed")),
    page=("name", "kind", "level", "starts_on", "ends_on", "unit"),
)  # fmt: skip

PARTICIPATIONS = ColumnSpec(
    Column(
        EVENT_NAME, "event", v.text, required=True, help="Sự kiện phải có sẵn (nhập sự kiện trước)",
        value="event.name", label=_("Event"), example="Hội chợ OCOP Bình Phước 2024",
    ),
    Column(
        EVENT_START, "event_starts_on", v.date, required=True, help=DAY, value="event.starts_on", label=_("From"),
        example="10/10/2024",
    ),
    Column(TAX, "producer", v.text, required=True, help="Chủ thể phải có sẵn", value="producer.tax_code",
           example="3802223334"),
    Column(
        PRODUCTS, "products", v.text,
        help="Tên sản phẩm của chủ thể, cách nhau bằng dấu “;”; trống = mọi sản phẩm OCOP của chủ thể",
        value=product_names, example="Hạt điều rang muối; Điều nhân sấy",
    ),
    Column("Gian hàng", "booth", v.text, value="booth", label=_("Booth"), example="A12"),
    Column("Doanh số (đồng)", "sales", v.number, value="sales", example="12.000.000"),
    Column("Số hợp đồng ký kết", "contracts", v.integer, value="contracts", label=_("Contracts signed"), example=2),
    Column("Số khách hàng đã gặp", "buyers_met", v.integer, value="buyers_met", example=15),
    Column(
        "Đã xác nhận tham gia", "confirmed", v.yes_no, help="Có / Không; chỉ cơ quan quản lý xác nhận",
        value=yes_no_of("confirmed"), example="Có",
    ),
    Column(PRODUCER_NAME, value="producer.name", label=_("Producer"), name="producer_name"),
    Column(COMMUNE, value=producer_commune),
    page=("producer_name", "event", "event_starts_on", "booth", "contracts"),
)  # fmt: skip

SALES_POINTS = ColumnSpec(
    Column(
        POINT_NAME, "name", v.text, required=True, help="Tên và loại là khóa để cập nhật khi nhập lại", value="name",
        label=_("Name"), example="Trung tâm OCOP Đồng Xoài",
    ),
    choice(POINT_KIND, "kind", ch.SalesPointKind.choices, required=True, label=_("Type"), example="showroom_centre"),
    Column("Đơn vị vận hành", "operator", v.text, value="operator", example="Sở Công Thương"),
    Column(
        COMMUNE, "unit", v.text,
        help=COMMUNE_HELP + "ngày mở; trống chỉ với sàn thương mại điện tử và cửa hàng trực tuyến",
        value=unit_name, label=_("Commune"), show=unit_short,
        example="Phường Tân Phú, Thành phố Đồng Xoài, Bình Phước",
    ),
    Column("Địa chỉ", "address", v.text, value="address", example="Số 1 Hùng Vương"),
    Column("Trang web", "url", v.text, value="url"),
    Column(
        "Ngày mở", "opened_on", v.date, required=True, help=DAY, value="opened_on", label=_("Opened on"),
        example="01/05/2022",
    ),
    Column(
        "Ngày đóng", "closed_on", v.date, help="dd/mm/yyyy; trống nếu còn hoạt động", value="closed_on",
        label=_("Closed on"),
    ),
    Column("Vĩ độ", "latitude", v.number, value="latitude", example="11,534100"),
    Column("Kinh độ", "longitude", v.number, value="longitude", example="106,883200"),
    Column("Chủ thể sở hữu", value=lambda s: s.producer.name if s.producer_id else ""),
    Column("Đã xác nhận", value=yes_no_of("confirmed")),
    page=("name", "kind", "unit", "opened_on", "closed_on"),
)  # fmt: skip

LISTINGS = ColumnSpec(
    Column(
        TAX, "tax_code", v.text, required=True, help="Chủ thể và sản phẩm phải có sẵn",
        value="product.producer.tax_code", example="3802223334",
    ),
    Column(
        PRODUCT_NAME, "product", v.text, required=True, value="product.name", label=_("Product"),
        example="Hạt điều rang muối",
    ),
    Column(
        "Bộ sản phẩm", "product_set", v.integer, required=True, help="Số bộ sản phẩm 1–26",
        value="product.product_set_id", example=7,
    ),
    Column(
        POINT_NAME, "sales_point", v.text, required=True, help="Điểm bán phải có sẵn (nhập điểm bán trước)",
        value="sales_point.name", label=_("Sales point"), example="Trung tâm OCOP Đồng Xoài",
    ),
    choice(
        POINT_KIND, "sales_point_kind", ch.SalesPointKind.choices, help="Chỉ cần khi nhiều điểm bán trùng tên",
        value=lambda x: x.sales_point.get_kind_display(),
    ),
    Column("Từ ngày", "since", v.date, required=True, help=DAY, value="since", label=_("From"), example="01/01/2023"),
    Column("Đến ngày", "until", v.date, help="dd/mm/yyyy; trống nếu còn bán", value="until", label=_("Until")),
    Column("Trang sản phẩm", "url", v.text, value="url"),
    Column("Giá bán (đồng)", "price", v.number, value="price", example="320.000"),
    Column(PRODUCER_NAME, value="product.producer.name", label=_("Producer"), name="producer_name"),
    Column("Đã xác nhận", value=yes_no_of("confirmed")),
    page=("product", "producer_name", "sales_point", "since", "until"),
)  # fmt: skip

COMMUNE_STATUSES = ColumnSpec(
    Column(
        COMMUNE, "unit", v.text, required=True, help=COMMUNE_HELP + "ngày quyết định", depends_on_date=True,
        value=unit_name, label=_("Commune"), show=lambda c: c.unit.name,
        example="Xã Minh Hưng, Huyện Bù Đăng, Bình Phước",
    ),
    Column("Năm", "year", v.integer, required=True, help="Năm đạt chuẩn, ví dụ 2024", value="year", label=_("Year"),
           example=2023),
    choice("Mức đạt chuẩn", "level", ch.RuralLevel.choices, required=True, label=_("Status"), example="advanced"),
    Column(
        "Số quyết định", "decision_number", v.text, required=True, value="decision_number", label=_("Decision"),
        example="3456/QĐ-UBND",
    ),
    Column("Ngày quyết định", "decision_date", v.date, required=True, help=DAY, value="decision_date",
           example="20/12/2023"),
    Column("Mã xã", value="unit.code"),
    # On the page only: the commune's district (or province), which the files' full name already says.
    Column("", name="district", label=_("District / province"),
           show=lambda c: c.unit.parent.name if c.unit.parent_id else ""),
    page=("unit", "district", "year", "level", "decision_number"),
)  # fmt: skip

CRAFT_VILLAGES = ColumnSpec(
    Column("Tên làng nghề", value="name", label=_("Name"), name="name"),
    Column(COMMUNE, value=unit_name, label=_("Commune"), show=unit_short, name="unit"),
    Column("Ngày công nhận", value="recognised_on", label=_("Recognised on"), name="recognised_on"),
    Column("Số quyết định", value="decision_number"),
    Column(
        "Gắn với du lịch cộng đồng", value=yes_no_of("tourism"), label=_("Linked to tourism"),
        show=lambda c: _("Yes") if c.tourism else _("No"), name="tourism",
    ),
    Column("Sản phẩm", value=product_names),
    page=("name", "unit", "recognised_on", "tourism"),
)  # fmt: skip

ACTIVITIES = ColumnSpec(
    choice("Loại hoạt động", "kind", ch.ActivityKind.choices, required=True, label=_("Type"), example="training"),
    Column(
        "Tên hoạt động", "title", v.text, required=True, help="Tên và ngày bắt đầu là khóa để cập nhật",
        value="title", label=_("Title"), example="Tập huấn OCOP năm 2024",
    ),
    Column(
        "Cơ quan chủ trì", "agency", v.text, required=True, value="agency", label=_("Responsible agency"),
        example="Sở Nông nghiệp và PTNT",
    ),
    Column(AREA, "unit", v.text, required=True, help=AREA_HELP, value=unit_name, example="Tỉnh Bình Phước"),
    Column(
        "Từ ngày", "starts_on", v.date, required=True, help=DAY, value="starts_on", label=_("From"),
        example="01/03/2024",
    ),
    Column("Đến ngày", "ends_on", v.date, help=DAY, value="ends_on", example="03/03/2024"),
    Column("Kinh phí (đồng)", "budget", v.number, value="budget", example="50.000.000"),
    choice("Nguồn kinh phí", "funding_source", ch.FundingSource.choices, example="provincial"),
    choice("Trạng thái", "status", ch.ActivityStatus.choices, label=_("Status"), example="done"),
    Column("Số người tham gia", "participants", v.integer, value="participants", example=40),
    Column("Minh chứng", "evidence", v.text, help="Văn bản, đường dẫn", value="evidence"),
    Column("Số lượt hỗ trợ", value="support_count"),
    page=("title", "kind", "agency", "starts_on", "status"),
)  # fmt: skip

SUPPORTS = ColumnSpec(
    Column(TAX, "producer", v.text, required=True, help="Chủ thể phải có sẵn", value="producer.tax_code",
           example="3802223334"),
    choice("Loại hỗ trợ", "kind", ch.SupportKind.choices, required=True, label=_("Type"), example="packaging"),
    Column("Số tiền (đồng)", "amount", v.number, value="amount", label=_("Amount (VND)"), example="20.000.000"),
    choice(
        "Nguồn kinh phí", "funding_source", ch.FundingSource.choices, required=True, label=_("Funding source"),
        example="provincial",
    ),
    Column(
        "Ngày nhận", "received_on", v.date, required=True, help=DAY, value="received_on", label=_("Received on"),
        example="01/04/2024",
    ),
    Column("Nội dung", "description", v.text, value="description", example="Thiết kế bao bì hộp 500 g"),
    Column(
        ACTIVITY, "activity", v.text, help="Tên hoạt động của chương trình (nếu có); phải có sẵn",
        value=lambda s: s.activity.title if s.activity_id else "", example="Tập huấn OCOP năm 2024",
    ),
    Column(PRODUCER_NAME, value="producer.name", label=_("Producer"), name="producer_name"),
    Column(COMMUNE, value=producer_commune),
    page=("producer_name", "kind", "amount", "funding_source", "received_on"),
)  # fmt: skip
