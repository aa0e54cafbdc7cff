"""How an import row names a producer (its tax number) and a product (the producer's tax number, the product's
name and its product set): looked up for all rows at once, among the records the importer may see — one outside
the importer's scope is "not found", never "outside your scope". Shared by the kinds of every app that imports
rows about producers or products (workforce, products, certificates, market records)."""

from typing import Any

from django.utils.translation import gettext as _

from ocop.core.text import fold
from ocop.exchange.values import CellError
from ocop.registry.columns import TAX
from ocop.registry.models import Producer, Product


def _taxes(rows: list[dict[str, Any]], field: str) -> set[Any]:
    return {values.get(field) for values in rows} - {None, ""}


class ProducersByTax:
    def __init__(self) -> None:
        self.found: dict[str, Producer] = {}

    def load(self, user: Any, rows: list[dict[str, Any]], field: str) -> None:
        found = Producer.objects.for_user(user).filter(tax_code__in=_taxes(rows, field)).select_related("commune")
        self.found = {p.tax_code: p for p in found}

    def get(self, tax: str, column: str = TAX) -> Producer:
        producer = self.found.get(tax)
        if producer is None:
            message = _("No producer in your scope has the tax number %(tax)s.") % {"tax": tax}
            raise CellError(message, _("Import the producer first."), column=column)
        return producer


class ProductsByKey:
    def __init__(self) -> None:
        self.found: dict[tuple[str, str, int], Product] = {}

    def load(self, user: Any, rows: list[dict[str, Any]], field: str) -> None:
        products = Product.objects.for_user(user).filter(producer__tax_code__in=_taxes(rows, field))
        for product in products.select_related("producer__commune"):
            self.found[(product.producer.tax_code, fold(product.name), product.product_set_id)] = product

    def get(self, tax: str, name: str, product_set: int, column: str) -> Product:
        product = self.found.get((tax, fold(name), product_set))
        if product is None:
            raise CellError(
                _("No product in your scope of producer %(tax)s is named “%(name)s” in product set %(set)s.")
                % {"tax": tax, "name": name, "set": product_set},
                _("Import the product first, or correct its name or set."),
                column,
            )
        return product
