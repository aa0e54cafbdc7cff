"""The portal's open data: the public catalogue, and the national agriculture data standard's PTNT_OCOP table.

Both are read from the catalogue read model (`CatalogueEntry.objects.public(day)`: what the portal lists),
in a fixed number of queries whatever the number of rows: the entries with what the columns need
(one query), the producers' latest annual revenue (one query). `DATASETS` declares each dataset's columns
once; the index page, the files and docs/open-data.md show that same list (a test compares them).
`render(name, fmt)` writes a file (CSV, JSON or XLSX); the views serve it, `ocop shell` can write it to disk.
"""

import datetime
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from ocop.exchange import exports
from ocop.places.choices import Level
from ocop.places.models import Unit
from ocop.portal.models import CatalogueEntry
from ocop.registry.choices import LegalForm
from ocop.registry.models import Workforce

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.vi"
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMATS = tuple(CONTENT_TYPES)

# The catalogue's `status` code list: data values, in Vietnamese whatever the reader's language.
VALID, EXPIRED, REVOKED = "Còn hiệu lực", "Hết hiệu lực", "Đã thu hồi"


@dataclass(frozen=True)
class Column:
    name: str
    meaning: Any  # a lazy translation


@dataclass(frozen=True)
class Dataset:
    name: str
    title: Any
    description: Any
    columns: tuple[Column, ...]
    rows: Callable[[QuerySet, datetime.date, str], Iterator[list[Any]]]  # entries, day, site URL

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]

    def file_name(self, fmt: str, day: datetime.date) -> str:
        return f"{self.name}-{day:%Y%m%d}.{fmt}"


def entries(day: datetime.date) -> QuerySet:
    """The catalogue as the portal lists it on `day`, with what the columns read loaded in the same query."""
    return CatalogueEntry.objects.public(day).select_related(
        "product", "producer", "certificate", "product_set", "commune__parent__parent"
    )


def latest_revenue(qs: QuerySet) -> dict[int, int]:
    """Each producer's annual revenue (VND) of the latest year that has one, in one query."""
    found: dict[int, int] = {}
    recorded = Workforce.objects.filter(producer_id__in=qs.values("producer_id"), revenue__isnull=False)
    for producer_id, revenue in recorded.order_by("producer_id", "year").values_list("producer_id", "revenue"):
        found[producer_id] = int(revenue)  # type: ignore[arg-type]  # not null (filtered); the latest year last
    return found


def status(entry: CatalogueEntry, day: datetime.date) -> str:
    if entry.is_valid_on(day):
        return VALID
    if entry.revoked_on is not None and entry.revoked_on <= day:
        return REVOKED
    return EXPIRED


def province_of(commune: Unit) -> Unit:
    unit = commune
    while unit.level != Level.PROVINCE and unit.parent is not None:
        unit = unit.parent
    return unit


def product_url(entry: CatalogueEntry, site: str) -> str:
    from ocop.portal.views import slug_for

    return site + reverse("portal:product", args=[entry.product_id, slug_for(entry.name)])


def _catalogue_rows(qs: QuerySet, day: datetime.date, site: str) -> Iterator[list[Any]]:
    for entry in qs.iterator(chunk_size=2000):
        certificate, product_set, commune = entry.certificate, entry.product_set, entry.commune
        province = province_of(commune)
        yield [
            entry.product_id, entry.name, product_set.number, product_set.name, product_set.sector_code,
            product_set.sector_name, entry.stars if entry.is_valid_on(day) else None, certificate.number,
            certificate.decision_number, certificate.decision_date, entry.issued_on, entry.valid_through,
            status(entry, day), entry.producer.name, str(LegalForm(entry.legal_form).label) if entry.legal_form else "",
            commune.code, commune.name, province.code, province.name, entry.legacy_district, product_url(entry, site),
        ]  # fmt: skip


def _ptnt_rows(qs: QuerySet, day: datetime.date, site: str) -> Iterator[list[Any]]:
    revenue = latest_revenue(qs)
    for entry in qs.iterator(chunk_size=2000):
        certificate = entry.certificate
        yield [
            certificate.product_code or certificate.number, entry.commune.code, str(certificate.decision_date.year),
            str(entry.product_id), entry.name, entry.stars, entry.producer.name, revenue.get(entry.producer_id),
            1 if entry.is_valid_on(day) else 0,
        ]  # fmt: skip


CATALOGUE = Dataset(
    "catalogue",
    _("OCOP product catalogue"),
    _("Every product the portal lists, with its newest certificate, producer and place on the current map."),
    (
        Column("product_id", _("Product number on this portal")),
        Column("product_name", _("Product name")),
        Column("product_set_number", _("Product set number (1–26)")),
        Column("product_set_name", _("Product set name")),
        Column("sector_code", _("Sector code of the product set")),
        Column("sector_name", _("Sector of the product set")),
        Column("stars", _("Stars (3, 4 or 5); blank when the certificate is no longer valid")),
        Column("certificate_number", _("Certificate number")),
        Column("decision_number", _("Number of the recognition decision")),
        Column("decision_date", _("Date of the recognition decision")),
        Column("issued_on", _("Date the certificate was issued")),
        Column("valid_through", _("Last day of validity (including a transition extension)")),
        Column("status", _("Còn hiệu lực (valid), Hết hiệu lực (expired) or Đã thu hồi (revoked)")),
        Column("producer_name", _("Producer name")),
        Column("producer_type", _("Producer's legal form")),
        Column("commune_code", _("Official code of the commune on the current map (5 digits)")),
        Column("commune_name", _("Commune name on the current map")),
        Column("province_code", _("Official code of the province on the current map (2 digits)")),
        Column("province_name", _("Province name on the current map")),
        Column("legacy_district", _("District of the three-level map (before 1 July 2025)")),
        Column("url", _("The product's page on this portal")),
    ),
    _catalogue_rows,
)

PTNT_OCOP = Dataset(
    "PTNT_OCOP",
    _("PTNT_OCOP (national agriculture data standard)"),
    _("The certified products in the national agriculture database's OCOP table layout."),
    (
        Column("MA_OCOP", _("OCOP product code of the certificate (the certificate number when it has none)")),
        Column("Ma_DonViHanhChinh", _("Official code of the commune on the current map (5 digits)")),
        Column("Ma_ThoiGian", _("Year of the recognition decision (YYYY)")),
        Column("Ma_SanPham", _("Product number on this portal")),
        Column("TenSanPham", _("Product name")),
        Column("XepHang", _("Stars: 3, 4 or 5")),
        Column("ChuTheSXKD", _("Producer name")),
        Column("DoanhThuNam", _("Producer's annual revenue in VND, latest year recorded; blank when unknown")),
        Column("TrangThai", _("1 = certificate valid, 0 = no longer valid (expired or revoked)")),
    ),
    _ptnt_rows,
)

DATASETS = {dataset.name: dataset for dataset in (CATALOGUE, PTNT_OCOP)}


def count(day: datetime.date) -> int:
    """Rows of each dataset: both hold one row per listed product."""
    return CatalogueEntry.objects.public(day).count()


def render(name: str, fmt: str, day: datetime.date | None = None, site: str = "") -> bytes:
    """The file's bytes; `site` ("https://ocop.example.vn") makes the catalogue's URLs absolute."""
    dataset, day = DATASETS[name], day or timezone.localdate()
    if fmt not in CONTENT_TYPES:
        raise KeyError(fmt)
    with translation.override("vi"):  # labels (legal forms…) are the office's, in Vietnamese
        rows = dataset.rows(entries(day), day, site)
        if fmt == "json":
            return _json(dataset, rows, site)
        sheet = exports.ListExport(
            dataset.name, str(dataset.title), lambda user: None, None,  # type: ignore[arg-type,return-value]  # rows given below
            tuple(exports.ExportField(c.name, itemgetter(i)) for i, c in enumerate(dataset.columns)),
        )  # fmt: skip
        return exports._xlsx(sheet, rows) if fmt == "xlsx" else exports._csv(sheet, rows)


def _json(dataset: Dataset, rows: Iterator[list[Any]], site: str) -> bytes:
    names = dataset.column_names
    document = {
        "dataset": dataset.name,
        "title": str(dataset.title),
        "generated": timezone.localtime().isoformat(timespec="seconds"),
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "source": site + reverse("portal:open_data"),
        "columns": names,
        "rows": [dict(zip(names, row, strict=True)) for row in rows],
    }
    return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False).encode()  # dates: YYYY-MM-DD
