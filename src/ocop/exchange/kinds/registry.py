"""Import kinds of the registry: producers (key: tax number) and products (key: producer + name + set)."""

import copy
import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.core.history import log_bulk
from ocop.exchange import values as v
from ocop.exchange.kinds.base import Column, ImportKind
from ocop.registry.choices import Ethnicity, Gender, LegalForm, ProductStatus
from ocop.registry.models import Producer, Product, ProductSet
from ocop.registry.services import save_producer


def choice_of(choices: list[tuple[str, str]]) -> Any:
    return lambda value: v.choice(value, choices) if v.text(value) else ""


class ProducerKind(ImportKind):
    name, model = "producers", Producer
    label = "Chủ thể OCOP"
    columns = [
        Column("Tên chủ thể", "name", v.text, required=True),
        Column("Loại hình", "legal_form", choice_of(LegalForm.choices), required=True, choices=LegalForm.choices),
        Column("Mã số thuế / số ĐKKD", "tax_code", v.text, required=True, help="Khóa để cập nhật khi nhập lại"),
        Column("Ngày thành lập", "founded_on", v.date, help="dd/mm/yyyy"),
        Column("Người đại diện", "representative_name", v.text, required=True),
        Column("Chức vụ", "representative_position", v.text),
        Column(
            "Giới tính người đại diện",
            "representative_gender",
            choice_of(Gender.choices),
            choices=Gender.choices,
            help="Trống = không rõ",
        ),
        Column(
            "Dân tộc",
            "representative_ethnicity",
            choice_of(Ethnicity.choices),
            choices=Ethnicity.choices,
            help="Trống = không rõ",
        ),
        Column("Người khuyết tật", "representative_disability", v.yes_no, help="Có / Không"),
        Column(
            "Xã/phường",
            "commune",
            v.text,
            required=True,
            help="Tên (kèm huyện, tỉnh nếu trùng) hoặc mã xã",
            depends_on_date=True,
        ),
        Column("Địa chỉ", "address", v.text),
        Column("Địa chỉ từ ngày", "address_since", v.date, help="Ngày dùng để đọc bản đồ hành chính; trống = hôm nay"),
        Column("Điện thoại", "phone", v.text),
        Column("Email", "email", v.text),
    ]

    export_only = ("Số sản phẩm",)

    def row_date(self, values: dict[str, Any]) -> datetime.date:
        return values.get("address_since") or timezone.localdate()

    def key(self, values: dict[str, Any]) -> tuple:
        return (values["tax_code"],)

    def existing(self, keys: list[tuple]) -> dict[tuple, Producer]:
        found = Producer.objects.filter(tax_code__in=[k[0] for k in keys]).select_related("commune")
        return {(p.tax_code,): p for p in found}

    def build(self, values: dict[str, Any], current: Producer | None) -> Producer:
        producer = copy.copy(current) if current else Producer()
        fields = {k: val for k, val in values.items() if k not in ("address_since",)}
        # An empty cell says the list does not know: recorded as such, never guessed (female? Kinh?).
        fields["representative_gender"] = fields.get("representative_gender") or Gender.NOT_STATED
        fields["representative_ethnicity"] = fields.get("representative_ethnicity") or Ethnicity.NOT_STATED
        fields["representative_disability"] = bool(fields.get("representative_disability"))
        for name, value in fields.items():
            setattr(producer, name, value if value is not None or name in ("founded_on",) else "")
        return producer

    def write(self, instance: Producer, values: dict[str, Any]) -> None:
        save_producer(instance, values.get("address_since") or timezone.localdate())


class ProductKind(ImportKind):
    name, model = "products", Product
    label = "Sản phẩm"
    columns = [
        Column(
            "Mã số thuế chủ thể", "producer", v.text, required=True, help="Chủ thể phải có sẵn (nhập chủ thể trước)"
        ),
        Column("Tên sản phẩm", "name", v.text, required=True),
        Column("Bộ sản phẩm", "product_set", v.integer, required=True, help="Số bộ sản phẩm 1–26 (QĐ 26/2026)"),
        Column("Trạng thái", "status", choice_of(ProductStatus.choices), choices=ProductStatus.choices),
        Column("Mô tả", "description", v.text),
        Column("Câu chuyện sản phẩm", "story", v.text),
        Column("Bao bì", "packaging", v.text),
        Column("Tiêu chuẩn, công bố chất lượng", "standards", v.text),
        Column("Mã truy xuất", "traceability_code", v.text),
        Column("Giá (đồng)", "price", v.number),
        Column("Đơn vị tính", "price_unit", v.text),
    ]

    export_only = ("Tên chủ thể", "Xã/phường", "Hạng sao hiện tại")
    trusted_fields = ("producer", "product_set")
    check_constraints = False  # the key is the unique constraint; validators cover the price check

    def __init__(self) -> None:
        self._producers: dict[str, Producer] = {}
        self._sets: set[int] = set()

    def preload(self, rows: list[dict[str, Any]]) -> None:
        taxes = {values.get("producer") for values in rows} - {None, ""}
        # Only the producers the importer may see: one outside is "not found", never "outside your scope".
        found = Producer.objects.for_user(self.user).filter(tax_code__in=taxes).select_related("commune")
        self._producers = {p.tax_code: p for p in found}
        self._sets = set(ProductSet.objects.values_list("number", flat=True))

    def resolve(self, values: dict[str, Any], user: Any) -> dict[str, Any]:
        tax = values["producer"]
        producer = self._producers.get(tax)
        if producer is None:
            message = _("No producer in your scope has the tax number %(tax)s.") % {"tax": tax}
            raise v.CellError(message, _("Import the producer first."), column="Mã số thuế chủ thể")
        if values["product_set"] not in self._sets:
            raise v.CellError(_("The product set is a number from 1 to 26."), column="Bộ sản phẩm")
        return {**values, "producer": producer}

    def key(self, values: dict[str, Any]) -> tuple:
        producer = values["producer"]
        return (
            producer.tax_code if isinstance(producer, Producer) else producer,
            values["name"],
            values["product_set"],
        )

    def existing(self, keys: list[tuple]) -> dict[tuple, Product]:
        found = Product.objects.filter(producer__tax_code__in={k[0] for k in keys}).select_related("producer__commune")
        return {(p.producer.tax_code, p.name, p.product_set_id): p for p in found}

    def build(self, values: dict[str, Any], current: Product | None) -> Product:
        product = copy.copy(current) if current else Product()
        for name, value in values.items():
            if name == "product_set":
                product.product_set_id = value
            elif name == "status":
                product.status = value or (current.status if current else ProductStatus.ACTIVE)
            else:
                setattr(product, name, value if value is not None or name == "price" else "")
        return product

    def write_many(self, items: list[tuple[Product, dict[str, Any], Product | None]]) -> None:
        """Bulk writes (the change log written alongside): 40,000 rows must not take 40,000 round trips."""
        now = timezone.now()
        created = [instance for instance, _values, current in items if current is None]
        updated = [(current, instance) for instance, _values, current in items if current is not None]
        for instance in created:
            instance.search_text = instance.folded()
        Product.objects.bulk_create(created, batch_size=1000)
        for _old, instance in updated:
            instance.search_text, instance.updated_at = instance.folded(), now
        fields = [c.field for c in self.columns if c.field not in ("producer", "name", "product_set")]
        Product.objects.bulk_update([new for _old, new in updated], [*fields, "search_text", "updated_at"], 1000)
        log_bulk(created, updated)


__all__ = ["ProducerKind", "ProductKind"]
