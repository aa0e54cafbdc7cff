"""The registry's import kinds and export lists: producers (key: tax number), products (key: producer + name +
set) and the workforce per producer and year (key: tax number + year; indicator 5 counts trained workers)."""

import copy
import datetime
from typing import Any

from django.db import router
from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.core.bulk import copy_supported, insert_fields, insert_rows, instance_rows, reserve_ids
from ocop.core.history import log_bulk
from ocop.exchange import values as v
from ocop.exchange.exports import ListExport, fields_of
from ocop.exchange.exports import register as register_list
from ocop.exchange.kinds import ImportKind, register
from ocop.registry import columns
from ocop.registry.choices import Ethnicity, Gender, ProductStatus
from ocop.registry.filters import ProducerFilter, ProductFilter, WorkforceFilter
from ocop.registry.models import Producer, ProducerAddress, Product, ProductSet, Workforce
from ocop.registry.references import ProducersByTax
from ocop.registry.services import save_producer

COMMUNE = "commune__parent__parent"
TAX = columns.TAX


@register
class ProducerKind(ImportKind):
    name, model, label = "producers", Producer, "Chủ thể OCOP"
    spec = columns.PRODUCERS

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


@register
class ProductKind(ImportKind):
    name, model, label = "products", Product, "Sản phẩm"
    spec = columns.PRODUCTS
    trusted_fields = ("producer", "product_set")
    check_constraints = False  # the key is the unique constraint; validators cover the price check

    def __init__(self) -> None:
        self._producers = ProducersByTax()
        self._sets: set[int] = set()

    def preload(self, rows: list[dict[str, Any]]) -> None:
        self._producers.load(self.user, rows, "producer")
        self._sets = set(ProductSet.objects.values_list("number", flat=True))

    def resolve(self, values: dict[str, Any], user: Any) -> dict[str, Any]:
        producer = self._producers.get(values["producer"])
        if values["product_set"] not in self._sets:
            raise v.CellError(_("The product set is a number from 1 to 26."), column=columns.PRODUCT_SET)
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

    def unchecked_fields(self, instance: Product) -> tuple[str, ...]:
        """A new product is checked on the fields the file fills: every other field holds the model's default.
        An update is checked whole, as before."""
        if instance.pk is not None:
            return self.trusted_fields
        filled = {c.field for c in self.columns}
        return (*self.trusted_fields, *(f.name for f in Product._meta.concrete_fields if f.name not in filled))

    def write_many(self, items: list[tuple[Product, dict[str, Any], Product | None]]) -> None:
        """Bulk writes (the change log written alongside): 40,000 rows must not take 40,000 round trips."""
        now = timezone.now()
        created = [instance for instance, _values, current in items if current is None]
        updated = [(current, instance) for instance, _values, current in items if current is not None]
        for instance in created:
            instance.search_text = instance.folded()
        _insert_products(created, now)
        for _old, instance in updated:
            instance.search_text, instance.updated_at = instance.folded(), now
        fields = [c.field for c in self.columns if c.field not in ("producer", "name", "product_set")]
        Product.objects.bulk_update([new for _old, new in updated], [*fields, "search_text", "updated_at"], 1000)
        log_bulk(created, updated)


@register
class WorkforceKind(ImportKind):
    name, model, label = "workforce", Workforce, "Lao động theo năm"
    spec = columns.WORKFORCE
    trusted_fields = ("producer",)

    def __init__(self) -> None:
        self._producers = ProducersByTax()

    def preload(self, rows: list[dict[str, Any]]) -> None:
        self._producers.load(self.user, rows, "tax_code")

    def resolve(self, values: dict[str, Any], user: Any) -> dict[str, Any]:
        producer = self._producers.get(values["tax_code"])
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


def _insert_products(products: list[Product], now: datetime.datetime) -> None:
    """The new products, with their ids set as bulk_create sets them: streamed with COPY on PostgreSQL (ids
    reserved from the sequence first, since COPY returns none), bulk_create elsewhere (SQLite returns them)."""
    if not (products and copy_supported(Product)):
        Product.objects.bulk_create(products, batch_size=1000)
        return
    for product, pk in zip(products, reserve_ids(Product, len(products)), strict=True):
        product.pk = pk
    fields = insert_fields(Product, with_pk=True)
    insert_rows(Product, fields, instance_rows(products, fields, now))
    alias = router.db_for_write(Product)
    for product in products:
        product._state.adding, product._state.db = False, alias


def _producers(user: Any) -> QuerySet:
    open_address = ProducerAddress.objects.filter(valid_to__isnull=True)
    return (
        Producer.objects.for_user(user, "export")
        .select_related(COMMUNE)
        .annotate(product_count=Count("products"))
        .prefetch_related(Prefetch("addresses", queryset=open_address))
    )


def _products(user: Any) -> QuerySet:
    # The current stars are the certificates app's annotation (certificates/exchange.py adds it).
    return Product.objects.for_user(user, "export").select_related(f"producer__{COMMUNE}")


def _workforce(user: Any) -> QuerySet:
    return Workforce.objects.for_user(user, "export").select_related(f"producer__{COMMUNE}")


register_list(ListExport("producers", "Chủ thể OCOP", _producers, ProducerFilter, fields_of(columns.PRODUCERS)))
register_list(ListExport("products", "Sản phẩm", _products, ProductFilter, fields_of(columns.PRODUCTS)))
register_list(ListExport("workforce", "Lao động theo năm", _workforce, WorkforceFilter, fields_of(columns.WORKFORCE)))
