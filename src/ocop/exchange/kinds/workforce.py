"""Import kind of the workforce per producer and year (indicator 5 counts trained workers): key = tax + year."""

import copy
from typing import Any

from django.utils.translation import gettext as _

from ocop.exchange import values as v
from ocop.exchange.kinds.base import Column, ImportKind
from ocop.registry.models import Producer, Workforce

TAX = "Mã số thuế chủ thể"
REVENUE = "Doanh thu năm (đồng)"  # annual revenue (VND), optional: DoanhThuNam of the open data


class WorkforceKind(ImportKind):
    name, model = "workforce", Workforce
    label = "Lao động theo năm"
    columns = [
        Column(TAX, "tax_code", v.text, required=True, help="Chủ thể phải có sẵn"),
        Column("Năm", "year", v.integer, required=True, help="Ví dụ 2024"),
        Column("Tổng số lao động", "workers", v.integer, required=True),
        Column("Lao động có bằng cấp, chứng chỉ", "trained_workers", v.integer),
        Column("Lao động địa phương", "local_workers", v.integer),
        Column(REVENUE, "revenue", v.integer, help="Không bắt buộc; để trống nếu chưa biết"),
    ]
    export_only = ("Tên chủ thể", "Xã/phường")
    trusted_fields = ("producer",)

    def __init__(self) -> None:
        self._producers: dict[str, Producer] = {}

    def preload(self, rows: list[dict[str, Any]]) -> None:
        taxes = {values.get("tax_code") for values in rows} - {None, ""}
        found = Producer.objects.for_user(self.user).filter(tax_code__in=taxes)  # outside one's scope: "not found"
        self._producers = {p.tax_code: p for p in found.select_related("commune")}

    def resolve(self, values: dict[str, Any], user: Any) -> dict[str, Any]:
        producer = self._producers.get(values["tax_code"])
        if producer is None:
            message = _("No producer in your scope has the tax number %(tax)s.") % {"tax": values["tax_code"]}
            raise v.CellError(message, _("Import the producer first."), column=TAX)
        return {**values, "producer": producer}

    def key(self, values: dict[str, Any]) -> tuple:
        return (values["tax_code"], values["year"])

    def existing(self, keys: list[tuple]) -> dict[tuple, Workforce]:
        found = Workforce.objects.filter(producer__tax_code__in={k[0] for k in keys}).select_related(
            "producer__commune"
        )
        return {(w.producer.tax_code, w.year): w for w in found}

    def build(self, values: dict[str, Any], current: Workforce | None) -> Workforce:
        record = copy.copy(current) if current else Workforce()
        record.producer, record.year, record.workers = values["producer"], values["year"], values["workers"]
        record.trained_workers = values.get("trained_workers") or 0
        record.local_workers = values.get("local_workers") or 0
        if values.get("revenue") is not None:  # empty or absent (a file from before the column) keeps the figure
            record.revenue = values["revenue"]
        return record
