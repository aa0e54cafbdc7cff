"""The demo's post-recognition monitoring: Đồng Nai's inspection plan for 2026 with four inspections of Bình
Phước's certified products — one found compliant, one with a remedy awaited, one ad hoc (a consumer's complaint
about the label) whose remedy is overdue, one still to come. The producer account `coso` has one of them.

Deterministic: fixed dates and the products' order; loaded once with the rest of the demo (`ocop demo`)."""

import datetime

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from ocop.certificates.choices import DecidingLevel
from ocop.certificates.models import Certificate
from ocop.core.models import Role
from ocop.monitoring import services
from ocop.monitoring.choices import AuthorityLevel, InspectionKind, ItemGroup, ItemResult, Outcome
from ocop.monitoring.models import FindingFile, Inspection, InspectionPlan
from ocop.places.models import Unit
from ocop.registry.models import Product

D = datetime.date
TEAM = "Nguyễn Văn Hùng, Phó Chánh Văn phòng Điều phối NTM tỉnh, trưởng đoàn\nLê Thị Mai, Chi cục QLCL NLS và TS\n"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# (date, kind, why, outcome, decided on, remedy due, conclusion)
SPECS = (
    (D(2026, 3, 18), InspectionKind.PERIODIC, "", Outcome.COMPLIANT, D(2026, 3, 25), None,
     "Sản phẩm duy trì các tiêu chí đã được đánh giá; nhãn và tem OCOP sử dụng đúng quy định."),
    (D(2026, 6, 10), InspectionKind.PERIODIC, "", Outcome.REMEDY, D(2026, 6, 17), D(2027, 1, 31),
     "Nhãn chưa ghi mã sản phẩm OCOP; cơ sở in lại nhãn và gửi mẫu về Văn phòng."),
    (D(2026, 9, 22), InspectionKind.AD_HOC, "Phản ánh của người tiêu dùng: tem OCOP dán trên sản phẩm khác cùng cơ sở.",
     Outcome.REMEDY, D(2026, 9, 29), D(2026, 11, 20),
     "Tem OCOP dùng trên sản phẩm chưa được công nhận; cơ sở thu hồi tem và báo cáo trước hạn."),
    (D(2026, 12, 15), InspectionKind.PERIODIC, "", Outcome.OPEN, None, None, ""),
)  # fmt: skip


def _products(days: list[datetime.date]) -> list[Product]:
    """Demo products with a certificate of the province valid on every one of `days` (the inspections' dates, as
    the service reads them): the producer account's first."""
    products = Product.objects.filter(is_demo=True)
    for day in days:
        valid = Certificate.objects.valid_on(day).filter(is_demo=True).exclude(deciding_level=DecidingLevel.CENTRAL)
        products = products.filter(pk__in=valid.values("product_id"))
    own = Role.objects.filter(user__username="coso").values_list("producer_id", flat=True).first()
    return sorted(products.order_by("id"), key=lambda p: p.producer_id != own)


def load_monitoring() -> int:
    dong_nai = Unit.objects.get(map="2025", code="75")
    plan, _created = InspectionPlan.objects.update_or_create(
        unit=dong_nai, level=AuthorityLevel.PROVINCE, year=2026,
        defaults={
            "authority": "Văn phòng Điều phối Chương trình OCOP tỉnh Đồng Nai",
            "notes": "Kiểm tra định kỳ 10% sản phẩm 3 sao, 4 sao còn hiệu lực; kiểm tra đột xuất khi có phản ánh.",
            "is_demo": True,
        },
    )  # fmt: skip
    office = get_user_model().objects.filter(username="tinh").first()
    today = timezone.localdate()
    products = _products(sorted({min(spec[0], today) for spec in SPECS}))
    count = 0
    for (day, kind, why, outcome, decided_on, due, conclusion), product in zip(SPECS, products, strict=False):
        if Inspection.objects.filter(plan=plan, product=product, scheduled_on=day).exists():
            continue
        inspection = Inspection(
            plan=plan, product=product, kind=kind, origin_note=why, scheduled_on=day, created_by=office,
            place=f"Cơ sở sản xuất, {product.producer.commune.name}", team=TEAM, is_demo=True,
            internal_notes="Đoàn ghi nhận cơ sở hợp tác tốt." if outcome else "",
        )  # fmt: skip
        services.open_inspection(inspection)
        if outcome == Outcome.OPEN:
            count += 1
            continue
        items = list(inspection.items.all())
        for item in items:
            item.result = ItemResult.MET
            if outcome == Outcome.REMEDY and item.group == ItemGroup.MARK and item.code in ("M2", "M5"):
                item.result, item.finding = ItemResult.NOT_MET, conclusion
            item.save()
            if item.result == ItemResult.NOT_MET:
                FindingFile.objects.create(
                    item=item, file=ContentFile(PDF, name="bien-ban.pdf"), name="Biên bản kiểm tra.pdf",
                    uploaded_by=office,
                )  # fmt: skip
        # Recorded as decided then (the service refuses a deadline already past on the day of loading).
        inspection.outcome, inspection.decided_on, inspection.conclusion = outcome, decided_on, conclusion
        inspection.remedy_due = due
        inspection.save()
        count += 1
    return count
