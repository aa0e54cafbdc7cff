"""Evaluation's export list: the dossiers, as the dossiers page filters them."""

from operator import attrgetter as attr

from ocop.evaluation.filters import DossierFilter
from ocop.evaluation.models import Dossier
from ocop.exchange.exports import ExportField, ListExport, display, register, yes_no

COMMUNE = "commune__parent__parent"

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
