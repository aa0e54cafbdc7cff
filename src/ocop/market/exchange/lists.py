"""The market lists that export: the seven with an import kind export that
kind's columns first, then a few read-only ones, so an exported file re-imports unchanged; craft villages
export their own columns."""

from operator import attrgetter as attr
from typing import Any

from django.db.models import Count, QuerySet

from ocop.exchange.exports import ExportField, ListExport, display, kind_fields, register, yes_no
from ocop.market.exchange import channels, events, programme  # noqa: F401  (the kinds whose columns export)
from ocop.market.filters import (
    ActivityFilter,
    CommuneStatusFilter,
    CraftVillageFilter,
    EventFilter,
    ListingFilter,
    ParticipationFilter,
    SalesPointFilter,
    SupportFilter,
)
from ocop.market.models import Activity, CommuneStatus, CraftVillage, Event, Listing, Participation, SalesPoint, Support

UNIT = "unit__parent__parent"
PRODUCER_COMMUNE = "producer__commune__parent__parent"


def unit_name(obj: Any) -> str:
    return obj.unit.full_name() if obj.unit_id else ""


def product_names(obj: Any) -> str:
    return "; ".join(sorted(product.name for product in obj.products.all()))


register(
    ListExport(
        "events",
        "Sự kiện xúc tiến thương mại",
        lambda user: Event.objects.for_user(user, "export")
        .select_related(UNIT)
        .annotate(participant_count=Count("participations")),
        EventFilter,
        kind_fields("events", {
            "Tên sự kiện": attr("name"), "Loại sự kiện": display("kind"), "Cấp": display("level"),
            "Đơn vị tổ chức": attr("organiser"), "Địa điểm": attr("place"), "Địa bàn": unit_name,
            "Từ ngày": attr("starts_on"), "Đến ngày": attr("ends_on"), "Kinh phí hỗ trợ (đồng)": attr("budget"),
            "Cho đăng ký tham gia": lambda e: yes_no(e.registration_open),
            "Số chủ thể tham gia": attr("participant_count"), "Đã xác nhận": lambda e: yes_no(e.confirmed),
        }),
    )
)  # fmt: skip


def _participations(user: Any) -> QuerySet:
    qs = Participation.objects.for_user(user, "export").select_related("event", PRODUCER_COMMUNE)
    return qs.prefetch_related("products")


register(
    ListExport(
        "participations",
        "Tham gia sự kiện",
        _participations,
        ParticipationFilter,
        kind_fields("participations", {
            "Tên sự kiện": lambda p: p.event.name, "Ngày bắt đầu sự kiện": lambda p: p.event.starts_on,
            "Mã số thuế chủ thể": lambda p: p.producer.tax_code, "Sản phẩm trưng bày": product_names,
            "Gian hàng": attr("booth"), "Doanh số (đồng)": attr("sales"), "Số hợp đồng ký kết": attr("contracts"),
            "Số khách hàng đã gặp": attr("buyers_met"), "Đã xác nhận tham gia": lambda p: yes_no(p.confirmed),
            "Tên chủ thể": lambda p: p.producer.name, "Xã/phường": lambda p: p.producer.commune.full_name(),
        }),
    )
)  # fmt: skip

register(
    ListExport(
        "sales_points",
        "Điểm bán, kênh phân phối",
        lambda user: SalesPoint.objects.for_user(user, "export").select_related(UNIT, "producer"),
        SalesPointFilter,
        kind_fields("sales_points", {
            "Tên điểm bán": attr("name"), "Loại điểm bán": display("kind"), "Đơn vị vận hành": attr("operator"),
            "Xã/phường": unit_name, "Địa chỉ": attr("address"), "Trang web": attr("url"),
            "Ngày mở": attr("opened_on"), "Ngày đóng": attr("closed_on"), "Vĩ độ": attr("latitude"),
            "Kinh độ": attr("longitude"),
            "Chủ thể sở hữu": lambda s: s.producer.name if s.producer_id else "",
            "Đã xác nhận": lambda s: yes_no(s.confirmed),
        }),
    )
)  # fmt: skip

register(
    ListExport(
        "listings",
        "Sản phẩm tại điểm bán",
        lambda user: Listing.objects.for_user(user, "export").select_related("product__producer", "sales_point"),
        ListingFilter,
        kind_fields("listings", {
            "Mã số thuế chủ thể": lambda x: x.product.producer.tax_code, "Tên sản phẩm": lambda x: x.product.name,
            "Bộ sản phẩm": lambda x: x.product.product_set_id, "Tên điểm bán": lambda x: x.sales_point.name,
            "Loại điểm bán": lambda x: x.sales_point.get_kind_display(), "Từ ngày": attr("since"),
            "Đến ngày": attr("until"), "Trang sản phẩm": attr("url"), "Giá bán (đồng)": attr("price"),
            "Tên chủ thể": lambda x: x.product.producer.name, "Đã xác nhận": lambda x: yes_no(x.confirmed),
        }),
    )
)  # fmt: skip

register(
    ListExport(
        "commune_statuses",
        "Xã đạt chuẩn nông thôn mới",
        lambda user: CommuneStatus.objects.for_user(user, "export").select_related(UNIT),
        CommuneStatusFilter,
        kind_fields("commune_statuses", {
            "Xã/phường": unit_name, "Năm": attr("year"), "Mức đạt chuẩn": display("level"),
            "Số quyết định": attr("decision_number"), "Ngày quyết định": attr("decision_date"),
            "Mã xã": lambda s: s.unit.code,
        }),
    )
)  # fmt: skip

register(
    ListExport(
        "craft_villages",
        "Làng nghề",
        lambda user: CraftVillage.objects.for_user(user, "export").select_related(UNIT).prefetch_related("products"),
        CraftVillageFilter,
        (
            ExportField("Tên làng nghề", attr("name")),
            ExportField("Xã/phường", unit_name),
            ExportField("Ngày công nhận", attr("recognised_on")),
            ExportField("Số quyết định", attr("decision_number")),
            ExportField("Gắn với du lịch cộng đồng", lambda c: yes_no(c.tourism)),
            ExportField("Sản phẩm", product_names),
        ),
    )
)

register(
    ListExport(
        "activities",
        "Hoạt động của chương trình",
        lambda user: (
            Activity.objects.for_user(user, "export").select_related(UNIT).annotate(support_count=Count("supports"))
        ),
        ActivityFilter,
        kind_fields("activities", {
            "Loại hoạt động": display("kind"), "Tên hoạt động": attr("title"), "Cơ quan chủ trì": attr("agency"),
            "Địa bàn": unit_name, "Từ ngày": attr("starts_on"), "Đến ngày": attr("ends_on"),
            "Kinh phí (đồng)": attr("budget"), "Nguồn kinh phí": display("funding_source"),
            "Trạng thái": display("status"), "Số người tham gia": attr("participants"), "Minh chứng": attr("evidence"),
            "Số lượt hỗ trợ": attr("support_count"),
        }),
    )
)  # fmt: skip

register(
    ListExport(
        "supports",
        "Hỗ trợ chủ thể đã nhận",
        lambda user: Support.objects.for_user(user, "export").select_related(PRODUCER_COMMUNE, "activity"),
        SupportFilter,
        kind_fields("supports", {
            "Mã số thuế chủ thể": lambda s: s.producer.tax_code, "Loại hỗ trợ": display("kind"),
            "Số tiền (đồng)": attr("amount"), "Nguồn kinh phí": display("funding_source"),
            "Ngày nhận": attr("received_on"), "Nội dung": attr("description"),
            "Thuộc hoạt động": lambda s: s.activity.title if s.activity_id else "",
            "Tên chủ thể": lambda s: s.producer.name, "Xã/phường": lambda s: s.producer.commune.full_name(),
        }),
    )
)  # fmt: skip
