"""The portal's map: OCOP producers, showroom centres and sales points.

The page works without JavaScript and without a tile server (a plain SVG map and a list); `portal/map.js`
turns it into a Leaflet map fed by the GeoJSON endpoint. Both read the same points, in a fixed number of
queries, with the same query-string filters: `kind` (producer, showroom, sales_point; repeatable; unknown
values are ignored) and `product` (the sales points where that public product is listed; 404 otherwise).
"""

import datetime
import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ocop.core.text import fold
from ocop.market.choices import SalesPointKind
from ocop.market.models import SalesPoint
from ocop.market.queries import active_listings
from ocop.portal.models import CatalogueEntry
from ocop.portal.views import public_page, slug_for

PRODUCER, SHOWROOM, SALES_POINT = "producer", "showroom", "sales_point"
KINDS = (PRODUCER, SHOWROOM, SALES_POINT)
SHOWROOM_KINDS = frozenset({SalesPointKind.SHOWROOM_CENTRE})
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class Point:
    kind: str  # one of KINDS
    name: str
    latitude: float
    longitude: float
    kind_label: str
    url: str = ""  # the producer's portal page, or the sales point's own website
    address: str = ""
    products: int = 0  # a producer's OCOP products on the portal


@dataclass(frozen=True)
class Filters:
    kinds: tuple[str, ...]
    product: CatalogueEntry | None = None
    product_url: str = ""

    def query(self) -> str:
        """The filters as a query string (only the valid ones), for the GeoJSON address and the links."""
        pairs = [("kind", k) for k in self.kinds] if len(self.kinds) < len(self.available()) else []
        if self.product is not None:
            pairs.append(("product", str(self.product.pk)))
        return urlencode(pairs)

    def available(self) -> tuple[str, ...]:
        return kinds_for(self.product)


def kinds_for(product: CatalogueEntry | None) -> tuple[str, ...]:
    """A product's map shows where it is sold, not producers."""
    return (SHOWROOM, SALES_POINT) if product is not None else KINDS


@dataclass
class Points:
    producers: list[Point] = field(default_factory=list)
    showrooms: list[Point] = field(default_factory=list)
    sales_points: list[Point] = field(default_factory=list)

    def all(self) -> list[Point]:
        return self.producers + self.showrooms + self.sales_points


def parse_filters(request: HttpRequest, day: datetime.date) -> Filters:
    raw = request.GET.get("product", "")
    product = None
    if raw:
        if not (raw.isascii() and raw.isdigit() and len(raw) <= 10):
            raise Http404
        product = CatalogueEntry.objects.public(day).only("pk", "name").filter(pk=int(raw)).first()
        if product is None:
            raise Http404  # not on the portal: no map of where it is sold
    available = kinds_for(product)
    chosen = {k for k in request.GET.getlist("kind") if k in available}
    kinds = tuple(k for k in available if k in chosen) or available
    if product is None:
        return Filters(kinds)
    url = reverse("portal:product", args=[product.pk, slug_for(product.name)])
    return Filters(kinds, product, url)


def collect(filters: Filters, day: datetime.date) -> Points:
    """The points to show: at most two queries, whatever the number of points."""
    points = Points()
    if PRODUCER in filters.kinds:
        points.producers = _producers(day)
    if SHOWROOM in filters.kinds or SALES_POINT in filters.kinds:
        shops = _sales_points(filters, day)
        points.showrooms = [p for p in shops if p.kind == SHOWROOM and SHOWROOM in filters.kinds]
        points.sales_points = [p for p in shops if p.kind == SALES_POINT and SALES_POINT in filters.kinds]
    return points


def _producers(day: datetime.date) -> list[Point]:
    rows = (
        CatalogueEntry.objects.public(day)
        .filter(producer__latitude__isnull=False, producer__longitude__isnull=False)
        .values("producer_id", "producer__name", "producer__latitude", "producer__longitude", "commune__name")
        .annotate(n=Count("pk"))
        .order_by()
    )
    label = _("OCOP producer")
    found = [
        Point(
            kind=PRODUCER,
            name=row["producer__name"],
            latitude=float(row["producer__latitude"]),
            longitude=float(row["producer__longitude"]),
            kind_label=label,
            url=reverse("portal:producer", args=[row["producer_id"], slug_for(row["producer__name"])]),
            address=row["commune__name"],
            products=row["n"],
        )
        for row in rows
    ]
    return _by_name(found)


def _open_sales_points(filters: Filters, day: datetime.date) -> QuerySet:
    shops = SalesPoint.objects.filter(
        Q(closed_on__isnull=True) | Q(closed_on__gte=day),
        confirmed=True,
        opened_on__lte=day,
        latitude__isnull=False,
        longitude__isnull=False,
    )
    if filters.kinds == (SHOWROOM,):
        shops = shops.filter(kind__in=SHOWROOM_KINDS)
    elif filters.kinds == (SALES_POINT,):
        shops = shops.exclude(kind__in=SHOWROOM_KINDS)
    if filters.product is not None:
        listed = active_listings(day).filter(product_id=filters.product.pk, confirmed=True, sales_point__confirmed=True)
        shops = shops.filter(pk__in=listed.values("sales_point_id"))
    return shops


def _sales_points(filters: Filters, day: datetime.date) -> list[Point]:
    shops = (
        _open_sales_points(filters, day)
        .select_related("unit")
        .only("name", "kind", "address", "url", "latitude", "longitude", "unit__name")
    )
    found = [
        Point(
            kind=SHOWROOM if shop.kind in SHOWROOM_KINDS else SALES_POINT,
            name=shop.name,
            latitude=float(shop.latitude),
            longitude=float(shop.longitude),
            kind_label=str(shop.get_kind_display()),
            url=shop.url,
            address=", ".join(part for part in (shop.address, shop.unit.name if shop.unit else "") if part),
        )
        for shop in shops
    ]
    return _by_name(found)


def _by_name(points: list[Point]) -> list[Point]:
    return sorted(points, key=lambda p: (fold(p.name), p.name))


def feature(point: Point, filters: Filters) -> dict[str, Any]:
    properties: dict[str, Any] = {"kind": point.kind, "kind_label": point.kind_label, "name": point.name}
    if point.kind == PRODUCER:
        properties.update(url=point.url, products=point.products, commune=point.address)
    else:
        properties.update(address=point.address, url=point.url)
        if filters.product is not None:
            properties["product"] = {"name": filters.product.name, "url": filters.product_url}
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [point.longitude, point.latitude]},
        "properties": properties,
    }


LIST_LIMIT = 300


@require_safe
@public_page
def map_page(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    filters = parse_filters(request, today)
    points = collect(filters, today)
    query = filters.query()
    # A national map holds tens of thousands of places: the page lists the first ones (the catalogue's filters
    # find the rest) and the interactive map draws them all from the GeoJSON.
    total = len(points.all())
    listed = Points(*(group[:LIST_LIMIT] for group in (points.producers, points.showrooms, points.sales_points)))
    context = {
        "filters": filters,
        "product": filters.product,
        "points": listed,
        "not_listed": total - len(listed.all()),
        "svg_points": [(p.latitude, p.longitude, p.kind, p.name) for p in listed.all()],
        "kind_links": _kind_links(filters),
        "points_url": reverse("portal:map_points") + (f"?{query}" if query else ""),
        "tiles": settings.OCOP_MAP_TILES,
        "attribution": settings.OCOP_MAP_ATTRIBUTION,
    }
    return render(request, "portal/map.html", context)


def _kind_links(filters: Filters) -> list[dict[str, Any]]:
    """ "All" and one link per kind, keeping the product filter; the current choice is marked."""
    labels = {PRODUCER: _("OCOP producers"), SHOWROOM: _("Showroom centres"), SALES_POINT: _("Sales points")}
    base = {"product": filters.product.pk} if filters.product is not None else {}
    everything = len(filters.kinds) == len(filters.available())
    links = [{"label": _("All"), "query": urlencode(base), "current": everything}]
    for kind in filters.available():
        links.append(
            {
                "label": labels[kind],
                "query": urlencode({**base, "kind": kind}),
                "current": filters.kinds == (kind,) and not everything,
            }
        )
    return links


@require_safe
@public_page
def points(request: HttpRequest) -> HttpResponse:
    """The map's points as a GeoJSON FeatureCollection (same filters as the page)."""
    today = timezone.localdate()
    filters = parse_filters(request, today)
    collection = {
        "type": "FeatureCollection",
        "features": [feature(point, filters) for point in collect(filters, today).all()],
    }
    # Valid JSON either way; <, > and & escaped so that no name can be read as markup if the file is sniffed.
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)
    return HttpResponse(text, content_type="application/geo+json; charset=utf-8")
