"""Monitoring's export list: the inspections, as the monitoring page filters them (found by exchange at start-up).
The internal notes are not exported: the list goes to everyone who may view inspections."""

from ocop.exchange.exports import ExportField, ListExport, display, register
from ocop.monitoring.filters import InspectionFilter
from ocop.monitoring.models import Inspection

COMMUNE = "commune__parent__parent"

register(
    ListExport(
        "inspections",
        "Kiểm tra sau công nhận (hậu kiểm)",
        lambda user: Inspection.objects.for_user(user, "export").select_related(
            f"product__producer__{COMMUNE}", "plan", "certificate"
        ),
        InspectionFilter,
        (
            ExportField("Sản phẩm", lambda i: i.product.name),
            ExportField("Chủ thể", lambda i: i.product.producer.name),
            ExportField("Mã số thuế chủ thể", lambda i: i.product.producer.tax_code),
            ExportField("Xã/phường", lambda i: i.product.producer.commune.full_name()),
            ExportField("Số giấy chứng nhận", lambda i: i.certificate.number),
            ExportField("Hạng sao", lambda i: i.certificate.stars),
            ExportField("Kế hoạch", lambda i: str(i.plan)),
            ExportField("Loại kiểm tra", display("kind")),
            ExportField("Lý do kiểm tra", lambda i: i.origin_note),
            ExportField("Ngày kiểm tra", lambda i: i.scheduled_on),
            ExportField("Địa điểm", lambda i: i.place),
            ExportField("Kết luận", display("outcome")),
            ExportField("Ngày kết luận", lambda i: i.decided_on),
            ExportField("Hạn khắc phục", lambda i: i.remedy_due),
            ExportField("Ngày xác nhận khắc phục", lambda i: i.remedied_on),
            ExportField("Căn cứ đề nghị thu hồi", display("revocation_ground")),
            ExportField("Ngày thu hồi giấy chứng nhận", lambda i: i.certificate.revoked_on),
        ),
    )
)
