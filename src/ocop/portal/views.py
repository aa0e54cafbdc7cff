"""The public portal's catalogue, product and producer pages. Anonymous, cacheable, no JavaScript needed."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from ocop.core.site import absolute_url
from ocop.core.text import fold
from ocop.market.models import Participation, SalesPoint
from ocop.market.queries import active_listings
from ocop.places.models import Unit
from ocop.portal import photos
from ocop.portal.filters import CatalogueFilter
from ocop.portal.forms import MisuseReportForm
from ocop.portal.models import CatalogueEntry
from ocop.portal.page_cache import cached_page
from ocop.portal.state import state
from ocop.registry.models import Producer, ProductSet

PAGE_SIZE = 24
public_page = cache_control(public=True, max_age=300)


def slug_for(name: str) -> str:
    return slugify(fold(name))[:60] or "-"


def _entries(today: datetime.date) -> QuerySet[CatalogueEntry]:
    return CatalogueEntry.objects.public(today).select_related("product_set", "commune", "photo")


def _mark[E: Iterable[CatalogueEntry]](entries: E, today: datetime.date) -> E:
    for entry in entries:
        entry.is_valid = entry.is_valid_on(today)
        entry.slug = slug_for(entry.name)
    return entries


@require_safe
@public_page
@cached_page
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    valid = CatalogueEntry.objects.valid_on(today)
    featured = _mark(
        list(valid.select_related("product_set", "commune", "photo").order_by("-stars", "-issued_on")[:8]), today
    )
    counts = {row["stars"]: row["n"] for row in valid.values("stars").annotate(n=Count("pk"))}
    context = {"featured": featured, "counts": counts, "total": sum(counts.values())}
    return render(request, "portal/home.html", context)


def _provinces() -> list[Unit]:
    return list(Unit.objects.filter(pk__in=CatalogueEntry.objects.values("commune__parent_id")).order_by("name"))


@require_safe
@public_page
@cached_page
def catalogue(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    sets = state.derived("product_sets", lambda: list(ProductSet.objects.all()))
    provinces = state.derived("provinces", _provinces)
    form = CatalogueFilter(request.GET or None, today=today, sets=sets, provinces=provinces)
    entries = form.apply(_entries(today))
    found = entries.count()
    entries = form.in_order(entries, found)
    paginator = Paginator(entries, PAGE_SIZE)
    paginator.count = found  # counted once, above
    page = paginator.get_page(request.GET.get("page"))  # unknown pages: the nearest one
    _mark(page.object_list, today)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form, "page": page, "query": query.urlencode(), "searched": bool(request.GET), "filtered": form.narrows,
    }  # fmt: skip
    return render(request, "portal/catalogue.html", context)


def _public_entry(product_id: int, today: datetime.date) -> CatalogueEntry:
    entry = (
        CatalogueEntry.objects.public(today)
        .select_related("product__producer__commune", "product_set", "commune", "certificate")
        .filter(pk=product_id)
        .first()
    )
    if entry is None:
        raise Http404
    entry.is_valid = entry.is_valid_on(today)
    entry.slug = slug_for(entry.name)
    return entry


@require_safe
@public_page
@cached_page
def product(request: HttpRequest, pk: int, slug: str = "") -> HttpResponse:
    today = timezone.localdate()
    entry = _public_entry(pk, today)
    item = entry.product
    listings = list(
        active_listings(today)
        .filter(product=item, confirmed=True, sales_point__confirmed=True)
        .select_related("sales_point__unit")
        .order_by("sales_point__name")
    )
    shops = list(SalesPoint.objects.filter(producer=item.producer_id, confirmed=True, closed_on__isnull=True))
    events = list(
        Participation.objects.filter(producer=item.producer_id, event__confirmed=True)
        .filter(Q(products=item) | Q(products__isnull=True))
        .select_related("event")
        .distinct()
        .order_by("-event__starts_on")[:10]
    )
    points = [
        (float(li.sales_point.latitude), float(li.sales_point.longitude), li.sales_point.kind, li.sales_point.name)
        for li in listings
        if li.sales_point.latitude is not None and li.sales_point.longitude is not None
    ]
    context: dict[str, Any] = {
        "entry": entry,
        "product": item,
        "producer": item.producer,
        "photos": list(item.photos.all()),
        "listings": listings,
        "shops": shops,
        "events": events,
        "points": points,
        "report_form": MisuseReportForm(initial={"product": item.pk, "product_name": item.name}),
        "producer_slug": slug_for(item.producer.name),
    }
    photo_list = context["photos"]
    context["og_image"] = photos.url(photo_list[0], 640) if photo_list else ""
    context["schema"] = _schema(request, entry, photo_list, listings)
    return render(request, "portal/product.html", context)


def _schema(request: HttpRequest, entry: CatalogueEntry, photo_list: list, listings: list) -> dict[str, Any]:
    """schema.org Product: what search engines show (name, maker, photo, offers, the OCOP rating)."""
    item = entry.product
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": item.name,
        "description": (item.description or item.story)[:500],
        "brand": {"@type": "Organization", "name": item.producer.name},
        "category": entry.product_set.name,
        "url": absolute_url(request, request.path),
    }
    if photo_list:
        data["image"] = [absolute_url(request, photos.url(p, 1280)) for p in photo_list[:3]]
    if entry.is_valid:
        data["award"] = f"OCOP {entry.stars}★ ({entry.certificate.number})"
    offers = [
        {"@type": "Offer", "price": str(li.price), "priceCurrency": "VND", "seller": li.sales_point.name}
        for li in listings
        if li.price is not None
    ]
    if offers:
        data["offers"] = offers
    return data


@require_safe
@public_page
@cached_page
def producer(request: HttpRequest, pk: int, slug: str = "") -> HttpResponse:
    today = timezone.localdate()
    item = get_object_or_404(Producer.objects.select_related("commune"), pk=pk)
    entries = _mark(list(_entries(today).filter(producer=item).order_by("sort_name")), today)
    if not entries:
        raise Http404  # a producer without OCOP products is not on the portal
    context = {
        "producer": item,
        "entries": entries,
        "place": entries[0],
        "shops": list(SalesPoint.objects.filter(producer=item, confirmed=True, closed_on__isnull=True)),
        "slug": slug_for(item.name),
    }
    return render(request, "portal/producer.html", context)
