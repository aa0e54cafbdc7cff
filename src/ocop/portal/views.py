"""The public portal's catalogue, product and producer pages. Anonymous, cacheable, no JavaScript needed."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from ocop.core.text import fold
from ocop.market.models import Participation, SalesPoint
from ocop.market.queries import active_listings
from ocop.places.models import Unit
from ocop.portal import photos, search
from ocop.portal.forms import SORTS, CatalogueForm, MisuseReportForm
from ocop.portal.models import CatalogueEntry, valid_q
from ocop.portal.page_cache import cached_page
from ocop.portal.state import state
from ocop.registry.models import Producer, ProductSet
from ocop.stories.queries import latest_published, published_about

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
    today = datetime.date.today()
    valid = CatalogueEntry.objects.valid_on(today)
    featured = _mark(
        list(valid.select_related("product_set", "commune", "photo").order_by("-stars", "-issued_on")[:8]), today
    )
    counts = {row["stars"]: row["n"] for row in valid.values("stars").annotate(n=Count("pk"))}
    context = {"featured": featured, "counts": counts, "total": sum(counts.values())}
    context.update(_home_extras())
    return render(request, "portal/home.html", context)


def _home_extras() -> dict[str, Any]:
    return {"stories": latest_published(3)}


def _provinces() -> list[Unit]:
    return list(Unit.objects.filter(pk__in=CatalogueEntry.objects.values("commune__parent_id")).order_by("name"))


@require_safe
@public_page
@cached_page
def catalogue(request: HttpRequest) -> HttpResponse:
    today = datetime.date.today()
    sets = state.derived("product_sets", lambda: list(ProductSet.objects.all()))
    provinces = state.derived("provinces", _provinces)
    form = CatalogueForm(request.GET or None, today=today, sets=sets, provinces=provinces)
    chosen = form.cleaned() if request.GET else {}
    entries = _entries(today)
    if chosen.get("q"):
        entries = search.matching(entries, chosen["q"])
    if chosen.get("stars"):
        entries = entries.filter(stars=chosen["stars"]).filter(valid_q(today))  # stars shown only when valid
    if chosen.get("sector"):
        entries = entries.filter(sector_code=chosen["sector"])
    if chosen.get("product_set"):
        entries = entries.filter(product_set_id=chosen["product_set"])
    if chosen.get("commune"):
        entries = entries.filter(commune=chosen["commune"])
    elif chosen.get("province"):
        entries = entries.filter(unit_path__startswith=chosen["province"].path)
    if chosen.get("legal_form"):
        entries = entries.filter(legal_form=chosen["legal_form"])
    found = entries.count()
    if chosen.get("q") and not chosen.get("sort") and found <= search.RANK_AT_MOST:
        entries = search.by_relevance(entries, chosen["q"])
    else:  # a broad search ("ca": 15,000 products) in name order, which the index serves without sorting them all
        entries = entries.order_by(*SORTS[chosen.get("sort") or "name"])
    paginator = Paginator(entries, PAGE_SIZE)
    paginator.count = found  # counted once, above
    page = paginator.get_page(request.GET.get("page"))  # unknown pages: the nearest one
    _mark(page.object_list, today)
    query = request.GET.copy()
    query.pop("page", None)
    filtered = any(value for name, value in chosen.items() if name != "q")
    context = {
        "form": form, "page": page, "query": query.urlencode(), "searched": bool(request.GET), "filtered": filtered,
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
    today = datetime.date.today()
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
    context.update(_stories_about(product=item))
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
        "url": request.build_absolute_uri(),
    }
    if photo_list:
        data["image"] = [request.build_absolute_uri(photos.url(p, 1280)) for p in photo_list[:3]]
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


def _stories_about(**about: Any) -> dict[str, Any]:
    return {"stories": published_about(**about)}


@require_safe
@public_page
@cached_page
def producer(request: HttpRequest, pk: int, slug: str = "") -> HttpResponse:
    today = datetime.date.today()
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
    context.update(_stories_about(producer=item))
    return render(request, "portal/producer.html", context)
