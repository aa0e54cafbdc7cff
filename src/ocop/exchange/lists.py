"""The staff lists that export, with their columns. Lists with an import kind export that kind's columns
(checked at start-up: a column without a getter is an error) and a few read-only ones after them."""

import datetime
from collections.abc import Callable
from operator import attrgetter as attr
from typing import Any

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone

from ocop.certificates import lifecycle
from ocop.certificates.choices import StatusLabel
from ocop.certificates.filters import CertificateFilter
from ocop.certificates.models import Certificate
from ocop.certificates.queries import with_current_stars
from ocop.core.views_history import ChangeLogFilter, changelog_for
from ocop.evaluation.filters import DossierFilter
from ocop.evaluation.models import Dossier
from ocop.exchange.exports import ExportField, ListExport, display, register, yes_no
from ocop.exchange.kinds import KINDS
from ocop.registry.filters import ProducerFilter, ProductFilter, WorkforceFilter
from ocop.registry.models import Producer, ProducerAddress, Product, Workforce

COMMUNE = "commune__parent__parent"


def kind_fields(kind_name: str, getters: dict[str, Callable[[Any], Any]]) -> tuple[ExportField, ...]:
    """The import kind's columns, in its order, then the export-only ones (all must have a getter)."""
    kind = KINDS[kind_name]
    headers = [c.header for c in kind.columns] + list(kind.export_only)
    missing = [h for h in headers if h not in getters]
    if missing or set(getters) - set(headers):
        raise LookupError(f"export {kind_name}: columns {missing or sorted(set(getters) - set(headers))}")
    return tuple(ExportField(header, getters[header]) for header in headers)


def current_address_since(producer: Producer) -> datetime.date | None:
    current = [a for a in producer.addresses.all() if a.valid_to is None]
    return current[0].valid_from if current else None


def _producers(user: Any) -> QuerySet:
    open_address = ProducerAddress.objects.filter(valid_to__isnull=True)
    return (
        Producer.objects.for_user(user, "export")
        .select_related(COMMUNE)
        .annotate(product_count=Count("products"))
        .prefetch_related(Prefetch("addresses", queryset=open_address))
    )


register(
    ListExport(
        "producers",
        "Chủ thể OCOP",
        _producers,
        ProducerFilter,
        kind_fields("producers", {
            "Tên chủ thể": attr("name"), "Loại hình": display("legal_form"), "Mã số thuế / số ĐKKD": attr("tax_code"),
            "Ngày thành lập": attr("founded_on"), "Người đại diện": attr("representative_name"),
            "Chức vụ": attr("representative_position"), "Giới tính người đại diện": display("representative_gender"),
            "Dân tộc": display("representative_ethnicity"),
            "Người khuyết tật": lambda p: yes_no(p.representative_disability),
            "Xã/phường": lambda p: p.commune.full_name(), "Địa chỉ": attr("address"),
            "Địa chỉ từ ngày": current_address_since, "Điện thoại": attr("phone"), "Email": attr("email"),
            "Số sản phẩm": attr("product_count"),
        }),
    )
)  # fmt: skip


def _products(user: Any) -> QuerySet:
    qs = Product.objects.for_user(user, "export").select_related(f"producer__{COMMUNE}")
    return with_current_stars(qs)


register(
    ListExport(
        "products",
        "Sản phẩm",
        _products,
        ProductFilter,
        kind_fields("products", {
            "Mã số thuế chủ thể": lambda p: p.producer.tax_code, "Tên sản phẩm": attr("name"),
            "Bộ sản phẩm": attr("product_set_id"), "Trạng thái": display("status"), "Mô tả": attr("description"),
            "Câu chuyện sản phẩm": attr("story"), "Bao bì": attr("packaging"),
            "Tiêu chuẩn, công bố chất lượng": attr("standards"), "Mã truy xuất": attr("traceability_code"),
            "Giá (đồng)": attr("price"), "Đơn vị tính": attr("price_unit"),
            "Tên chủ thể": lambda p: p.producer.name, "Xã/phường": lambda p: p.producer.commune.full_name(),
            "Hạng sao hiện tại": attr("current_stars"),
        }),
    )
)  # fmt: skip


def _certificates(user: Any) -> QuerySet:
    # The next certificate's issue date tells "superseded" without a query per row.
    newer = Certificate.objects.filter(product=OuterRef("product"), issued_on__gt=OuterRef("issued_on"))
    return (
        Certificate.objects.for_user(user, "export")
        .select_related(f"product__producer__{COMMUNE}", "regime")
        .annotate(next_issued_on=Subquery(newer.order_by("issued_on").values("issued_on")[:1]))
    )


def certificate_status(certificate: Certificate) -> str:
    facts = lifecycle.Facts(
        certificate.issued_on, certificate.valid_until, certificate.revoked_on,
        certificate.next_issued_on, certificate.extended_until,
    )  # fmt: skip
    return str(StatusLabel(lifecycle.status_on(facts, timezone.localdate())).label)


register(
    ListExport(
        "certificates",
        "Giấy chứng nhận OCOP",
        _certificates,
        CertificateFilter,
        kind_fields("certificates", {
            "Số giấy chứng nhận": attr("number"), "Mã số thuế chủ thể": lambda c: c.product.producer.tax_code,
            "Tên sản phẩm": lambda c: c.product.name, "Bộ sản phẩm": lambda c: c.product.product_set_id,
            "Hạng sao": attr("stars"), "Căn cứ (quyết định bộ tiêu chí)": lambda c: c.regime.document_number,
            "Cấp công nhận": display("deciding_level"), "Số quyết định công nhận": attr("decision_number"),
            "Ngày quyết định": attr("decision_date"), "Người ký": attr("decision_signer"),
            "Ngày cấp": attr("issued_on"),
            "Có hiệu lực đến": attr("valid_until"), "Mã sản phẩm OCOP": attr("product_code"),
            "Tên chủ thể": lambda c: c.product.producer.name,
            "Xã/phường": lambda c: c.product.producer.commune.full_name(),
            "Tình trạng": certificate_status, "Mã xác minh": lambda c: c.display_code,
        }),
    )
)  # fmt: skip

register(
    ListExport(
        "workforce",
        "Lao động theo năm",
        lambda user: Workforce.objects.for_user(user, "export").select_related(f"producer__{COMMUNE}"),
        WorkforceFilter,
        kind_fields("workforce", {
            "Mã số thuế chủ thể": lambda w: w.producer.tax_code, "Năm": attr("year"),
            "Tổng số lao động": attr("workers"),
            "Lao động có bằng cấp, chứng chỉ": attr("trained_workers"), "Lao động địa phương": attr("local_workers"),
            "Doanh thu năm (đồng)": attr("revenue"),
            "Tên chủ thể": lambda w: w.producer.name, "Xã/phường": lambda w: w.producer.commune.full_name(),
        }),
    )
)  # fmt: skip

register(
    ListExport(
        "dossiers",
        "Hồ sơ đánh giá",
        lambda user: Dossier.objects.for_user(user, "export").select_related(f"product__producer__{COMMUNE}", "round"),
        DossierFilter,
        (
            ExportField("Sản phẩm", lambda d: d.product.name),
            ExportField("Chủ thể", lambda d: d.product.producer.name),
            ExportField("Mã số thuế chủ thể", lambda d: d.product.producer.tax_code),
            ExportField("Xã/phường", lambda d: d.product.producer.commune.full_name()),
            ExportField("Loại hồ sơ", display("kind")),
            ExportField("Trạng thái", display("state")),
            ExportField("Đợt", lambda d: str(d.round) if d.round else ""),
            ExportField("Số tiếp nhận", attr("receipt_number")),
            ExportField("Ngày nộp", attr("submitted_on")),
            ExportField("Điểm hội đồng", attr("council_total")),
            ExportField("Hạng sao hội đồng", attr("council_stars")),
            ExportField("Đề nghị Trung ương", lambda d: yes_no(d.proposed_central)),
            ExportField("Ngày quyết định", attr("decided_on")),
        ),
    )
)

register(
    ListExport(
        "changes",
        "Lịch sử thay đổi",
        lambda user: changelog_for(user).order_by("-at", "-id"),
        ChangeLogFilter,
        (
            ExportField("Thời gian", attr("at")),
            ExportField("Người thực hiện", attr("user_label")),
            ExportField("Nguồn", display("source")),
            ExportField("Loại", lambda e: e.content_type.name),
            ExportField("Đối tượng", attr("object_repr")),
            ExportField("Thao tác", display("action")),
            ExportField("Các trường thay đổi", lambda e: ", ".join(sorted(set(e.before) | set(e.after)))),
            ExportField("Mã nhóm thay đổi", lambda e: str(e.group_id)),
        ),
    )
)
