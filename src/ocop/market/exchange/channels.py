"""Import kinds of sales points (key: name + type) and listings (product + sales point + since)."""

import datetime
from collections import defaultdict
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.core.text import fold
from ocop.exchange import values as v
from ocop.exchange.kinds import register
from ocop.market import columns
from ocop.market.choices import (
    ONLINE_KINDS,
    SalesPointKind,
)
from ocop.market.columns import (
    COMMUNE,
    POINT_KIND,
    POINT_NAME,
    PRODUCT_NAME,
)
from ocop.market.exchange.common import (
    MarketKind,
    coordinate,
    money,
)
from ocop.market.models import Listing, SalesPoint
from ocop.registry.references import ProductsByKey


@register
class SalesPointsKind(MarketKind):
    name, model, label = "sales_points", SalesPoint, "Điểm bán, kênh phân phối"
    spec = columns.SALES_POINTS
    trusted_fields = ("unit", "producer")
    constraint_fields = {"salespoint_closes_after_opening": "closed_on", "salespoint_physical_has_unit": "unit"}

    def row_date(self, values: dict[str, Any]) -> datetime.date:
        return values.get("opened_on") or timezone.localdate()

    def lookup(self, values: dict[str, Any], user: Any) -> dict[str, Any]:
        # The commune is optional for online channels, so it is read here rather than by the engine (which
        # reports an empty commune as missing on every row).
        kind = values["kind"]
        if self.own_producer is not None and kind != SalesPointKind.ONLINE_SHOP:
            raise v.CellError(_("A producer account adds only its own online shop."), column=POINT_KIND)
        if v.text(values.get("unit")):
            return {**values, "unit": self.commune(values["unit"], self.row_date(values))}
        if kind not in ONLINE_KINDS:
            hint = _("Only e-commerce platforms and online shops may leave it empty.")
            raise v.CellError(_("The commune is missing."), hint, COMMUNE)
        return {**values, "unit": None}

    def key(self, values: dict[str, Any]) -> tuple:
        return (fold(values["name"]), values["kind"])

    def existing(self, keys: list[tuple]) -> dict[tuple, SalesPoint]:
        found = SalesPoint.objects.filter(kind__in={k[1] for k in keys}).select_related("unit")
        names = {k[0] for k in keys}
        return self.remember({(fold(s.name), s.kind): s for s in found if fold(s.name) in names})

    def fill(self, point: SalesPoint, values: dict[str, Any], current: SalesPoint | None) -> None:
        for name in ("name", "kind", "operator", "unit", "address", "url", "opened_on", "closed_on"):
            setattr(point, name, values[name])
        point.latitude, point.longitude = coordinate(values.get("latitude")), coordinate(values.get("longitude"))
        if current is None and self.own_producer is not None:
            point.producer = self.own_producer


@register
class ListingsKind(MarketKind):
    name, model, label = "listings", Listing, "Sản phẩm tại điểm bán"
    spec = columns.LISTINGS
    trusted_fields = ("product", "sales_point")
    constraint_fields = {"listing_ends_after_start": "until", "listing_price_not_negative": "price"}

    def __init__(self) -> None:
        super().__init__()
        self._products = ProductsByKey()
        self._points: dict[str, list[SalesPoint]] | None = None

    def preload(self, rows: list[dict[str, Any]]) -> None:
        self._products.load(self.user, rows, "tax_code")

    def points(self, user: Any) -> dict[str, list[SalesPoint]]:
        if self._points is None:
            self._points = defaultdict(list)
            for point in SalesPoint.objects.for_user(user):
                self._points[fold(point.name)].append(point)
        return self._points

    def lookup(self, values: dict[str, Any], user: Any) -> dict[str, Any]:
        product = self._products.get(values["tax_code"], values["product"], values["product_set"], PRODUCT_NAME)
        point_name, point_kind = values["sales_point"], values.get("sales_point_kind")
        found = [p for p in self.points(user).get(fold(point_name), []) if not point_kind or p.kind == point_kind]
        if not found:
            raise v.CellError(
                _("No sales point in your scope is named “%(name)s”.") % {"name": point_name},
                _("Import the sales point first, or check its name and type."),
                POINT_NAME,
            )
        if len(found) > 1:
            message = _("Several sales points are named “%(name)s”.") % {"name": point_name}
            raise v.CellError(message, _("Fill in the sales point's type."), POINT_NAME)
        return {**values, "product": product, "sales_point": found[0]}

    def key(self, values: dict[str, Any]) -> tuple:
        product, point = values["product"], values["sales_point"]
        return (
            values["tax_code"], fold(product.name), product.product_set_id, fold(point.name), point.kind,
            values["since"],
        )  # fmt: skip

    def existing(self, keys: list[tuple]) -> dict[tuple, Listing]:
        found = Listing.objects.filter(
            product__producer__tax_code__in={k[0] for k in keys}, since__in={k[5] for k in keys}
        ).select_related("product__producer", "sales_point")
        return self.remember({
            (x.product.producer.tax_code, fold(x.product.name), x.product.product_set_id, fold(x.sales_point.name),
             x.sales_point.kind, x.since): x
            for x in found
        })  # fmt: skip

    def fill(self, listing: Listing, values: dict[str, Any], current: Listing | None) -> None:
        listing.product, listing.sales_point = values["product"], values["sales_point"]
        listing.since, listing.until, listing.url = values["since"], values["until"], values["url"]
        listing.price = money(values.get("price"))
