"""The national OCOP system's PTNT_OCOP table as an import kind, so that a province reconciles with it: the
other way of the PTNT_OCOP open-data export (portal/opendata.py).

Each row names a certified product by its OCOP product code (MA_OCOP: the code on its certificate, or the
certificate's number when it has none) and its producer by tax number (MaSoThue). A row is reconciled when the
two agree with the platform: the code is a certificate of a product in the importer's scope, whose producer has
that tax number (or is the one branch of it), with the same stars and the same validity. The dry run lists every
row that does not agree, with what differs; the import then writes nothing (all or nothing, as every import).
What the national table may change here is the product's name as certified (TenSanPham); stars and validity
follow decisions, which are recorded as decisions, not imported."""

import copy
import re
from typing import Any

from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.certificates.filters import CertificateFilter
from ocop.certificates.models import Certificate
from ocop.exchange import exports
from ocop.exchange import values as v
from ocop.exchange.columns import Column, ColumnSpec
from ocop.exchange.exports import ListExport, fields_of
from ocop.exchange.kinds import ImportKind, register
from ocop.registry.models import Producer, Product

CODE, TAX, NAME, STARS, STATE = "MA_OCOP", "MaSoThue", "TenSanPham", "XepHang", "TrangThai"


def _tax(value: Any) -> str:
    return re.sub(r"[\s.]", "", v.text(value)).upper()


def _valid(certificate: Certificate) -> int:
    return int(certificate.status_on(timezone.localdate()) == "valid")


# The national table's columns, read on import and written by the export list of the same name (a province's
# own table, to send to the national system or to compare with it).
PTNT = ColumnSpec(
    Column(CODE, "code", v.text, required=True, help="Mã sản phẩm OCOP trên giấy chứng nhận",
           value=lambda c: c.product_code or c.number, example="75-688-25216-001-2025"),
    Column(TAX, "tax_code", _tax, required=True, help="Mã số thuế của chủ thể", value="product.producer.tax_code",
           example="3801234567"),
    Column(NAME, "name", v.text, required=True, help="Tên sản phẩm", value="product.name",
           example="Hạt điều rang muối"),
    Column(STARS, "stars", v.integer, help="Hạng sao: 3, 4 hoặc 5", value="stars", example=4),
    Column("ChuTheSXKD", "producer_name", v.text, help="Tên chủ thể (để đối chiếu)", value="product.producer.name",
           example="HTX Điều Tân Lập"),
    Column("Ma_DonViHanhChinh", "commune_code", v.text, help="Mã xã (để đối chiếu)",
           value="product.producer.commune.code", example="25216"),
    Column("Ma_ThoiGian", "year", v.integer, help="Năm quyết định công nhận", value=lambda c: c.decision_date.year,
           example=2025),
    Column(STATE, "valid", v.integer, help="1 = còn hiệu lực, 0 = hết hiệu lực", value=_valid, example=1),
)  # fmt: skip


@register
class PtntOcopKind(ImportKind):
    name, model, label = "ptnt_ocop", Product, "PTNT_OCOP (hệ thống OCOP quốc gia)"
    spec = PTNT
    trusted_fields = ("producer", "product_set")

    def __init__(self) -> None:
        self._certificates: dict[str, Certificate] = {}
        self._producers: list[Producer] = []

    def preload(self, rows: list[dict[str, Any]]) -> None:
        codes = {str(r.get("code") or "") for r in rows} - {""}
        scoped = Certificate.objects.filter(product__in=Product.objects.for_user(self.user))
        found = scoped.filter(product_code__in=codes) | scoped.filter(product_code="", number__in=codes)
        for certificate in found.select_related("product__producer").order_by("issued_on", "id"):
            self._certificates[certificate.product_code or certificate.number] = certificate  # the newest wins
        heads = {str(r.get("tax_code") or "").split("-")[0] for r in rows} - {""}
        candidates = Producer.objects.for_user(self.user).filter(Q(tax_code__in=heads) | Q(tax_code__contains="-"))
        self._producers = [p for p in candidates if p.tax_code.split("-")[0] in heads]  # branches are few

    def producers_of(self, tax: str) -> list[Producer]:
        """The producers a tax number names: itself, or — for a head office's number — its branches too."""
        exact = [p for p in self._producers if p.tax_code == tax]
        return exact or [p for p in self._producers if p.tax_code.split("-")[0] == tax]

    def resolve(self, values: dict[str, Any], user: Any) -> dict[str, Any]:
        tax, code = values["tax_code"], values["code"]
        producers = self.producers_of(tax)
        if not producers:
            raise v.CellError(_("No producer in your scope has the tax number %(tax)s.") % {"tax": tax}, column=TAX)
        if len(producers) > 1:
            names = "; ".join(f"{p.name} ({p.tax_code})" for p in producers)
            raise v.CellError(
                _("The tax number %(tax)s matches %(count)s producers here: %(names)s.")
                % {"tax": tax, "count": len(producers), "names": names},
                _("Give the branch's own number in the national table, or merge the producers here first."),
                TAX,
            )
        certificate = self._certificates.get(code)
        if certificate is None:
            raise v.CellError(
                _("No certificate in your scope carries the OCOP code %(code)s.") % {"code": code},
                _("Record the certificate here, or correct the code in the national table."),
                CODE,
            )
        product, producer = certificate.product, producers[0]
        if product.producer_id != producer.pk:
            raise v.CellError(
                _("Here the code %(code)s belongs to %(owner)s (%(owner_tax)s), not to %(name)s (%(tax)s).")
                % {"code": code, "owner": product.producer.name, "owner_tax": product.producer.tax_code,
                   "name": producer.name, "tax": producer.tax_code},
                column=TAX,
            )  # fmt: skip
        if values.get("stars") is not None and values["stars"] != certificate.stars:
            raise v.CellError(
                _("The national table says %(national)s★, the certificate %(number)s here %(here)s★.")
                % {"national": values["stars"], "number": certificate.number, "here": certificate.stars},
                _("Stars change by a decision: record it here, or correct the national table."),
                STARS,
            )
        valid_here = int(certificate.status_on(timezone.localdate()) == "valid")
        if values.get("valid") is not None and values["valid"] != valid_here:
            raise v.CellError(
                _("The national table says %(national)s (1 = valid), the certificate %(number)s here is %(here)s.")
                % {"national": values["valid"], "number": certificate.number, "here": valid_here},
                column=STATE,
            )
        return {**values, "product": product}

    def key(self, values: dict[str, Any]) -> tuple:
        return (values["code"],)

    def existing(self, keys: list[tuple]) -> dict[tuple, Model]:
        return {(code,): c.product for code, c in self._certificates.items() if (code,) in set(keys)}

    def build(self, values: dict[str, Any], current: Model | None) -> Product:
        product = copy.copy(current) if isinstance(current, Product) else Product()
        product.name = values["name"]
        return product


def _current_certificates(user: Any) -> QuerySet:
    """Each product's newest certificate in the user's export scope: one row per product, as the national table."""
    newer = Certificate.objects.filter(product=OuterRef("product"), issued_on__gt=OuterRef("issued_on"))
    return (
        Certificate.objects.for_user(user, "export").filter(~Exists(newer)).select_related("product__producer__commune")
    )


exports.register(ListExport("ptnt_ocop", "PTNT_OCOP", _current_certificates, CertificateFilter, fields_of(PTNT)))
