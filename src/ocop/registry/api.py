"""Producers and products: list (same filters, sort and pagination as the pages) and detail, scoped."""

import datetime
from decimal import Decimal
from typing import Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from ocop.core.api import LIST, ONE, Page, answers, filtered, page_of
from ocop.core.filters import query_schema
from ocop.places.api import UnitRef, ref
from ocop.registry.choices import Gender
from ocop.registry.filters import ProducerFilter, ProductFilter
from ocop.registry.models import Producer, Product

router = Router()
GenderCode = Literal[tuple(Gender.values)]  # the schema lists the codes, "not_stated" included


class WorkforceOut(Schema):
    year: int
    workers: int
    trained_workers: int
    local_workers: int


class ProducerOut(Schema):
    id: int
    name: str
    legal_form: str
    tax_code: str
    founded_on: datetime.date | None
    representative_name: str
    representative_gender: GenderCode
    representative_ethnicity: str = Field(description="2-digit code of the 54 groups (01 Kinh); 00 = not stated")
    representative_disability: bool
    commune: UnitRef
    address: str
    is_demo: bool


class ProducerDetailOut(ProducerOut):
    phone: str
    email: str
    website: str
    workforce: list[WorkforceOut]
    product_ids: list[int]


class ProductOut(Schema):
    id: int
    name: str
    producer_id: int
    producer_name: str
    product_set: int
    product_set_name: str
    status: str
    price: Decimal | None
    price_unit: str
    traceability_code: str
    is_demo: bool


class ProductDetailOut(ProductOut):
    description: str
    story: str
    packaging: str
    standards: str
    tourism_location: str
    tourism_capacity: int | None
    tourism_seasons: str
    tourism_services: str
    photos: list[str]


class ProducerPage(Page):
    results: list[ProducerOut]


class ProductPage(Page):
    results: list[ProductOut]


def producer_out(p: Producer) -> dict:
    return {
        **{f: getattr(p, f) for f in ProducerOut.model_fields if f != "commune"},
        "commune": ref(p.commune),
    }


def product_out(p: Product) -> dict:
    fields = {f: getattr(p, f) for f in ProductOut.model_fields if hasattr(p, f) and f != "product_set"}
    return {
        **fields,
        "producer_name": p.producer.name,
        "product_set": p.product_set_id,
        "product_set_name": p.product_set.name,
    }


@router.get("producers", response=answers(ProducerPage, *LIST), summary="Producers in your scope")
def list_producers(
    request: HttpRequest, filters: Query[query_schema(ProducerFilter)], page: int = 1, page_size: int = 50
) -> dict:
    """Filters: `q` (ignores diacritics), `unit` (+ `at`), `legal_form`, `gender`, `ethnicity`, `sort`."""
    qs = Producer.objects.for_user(request.user).select_related("commune")
    return page_of(request, filtered(request, ProducerFilter, qs), page, page_size, producer_out)


@router.get("producers/{producer_id}", response=answers(ProducerDetailOut, *ONE))
def producer_detail(request: HttpRequest, producer_id: int) -> dict:
    qs = Producer.objects.for_user(request.user).select_related("commune").prefetch_related("workforce", "products")
    producer = get_object_or_404(qs, pk=producer_id)
    return {
        **producer_out(producer),
        "phone": producer.phone,
        "email": producer.email,
        "website": producer.website,
        "workforce": list(producer.workforce.all()),
        "product_ids": [p.pk for p in producer.products.all()],
    }


@router.get("products", response=answers(ProductPage, *LIST), summary="Products in your scope")
def list_products(
    request: HttpRequest, filters: Query[query_schema(ProductFilter)], page: int = 1, page_size: int = 50
) -> dict:
    """Filters: `q`, `unit` (+ `at`), `product_set`, `status`, `producer`, `sort`."""
    qs = Product.objects.for_user(request.user).select_related("producer", "product_set")
    return page_of(request, filtered(request, ProductFilter, qs), page, page_size, product_out)


@router.get("products/{product_id}", response=answers(ProductDetailOut, *ONE))
def product_detail(request: HttpRequest, product_id: int) -> dict:
    qs = Product.objects.for_user(request.user).select_related("producer", "product_set").prefetch_related("photos")
    product = get_object_or_404(qs, pk=product_id)
    return {
        **product_out(product),
        **{
            f: getattr(product, f)
            for f in (
                "description",
                "story",
                "packaging",
                "standards",
                "tourism_location",
                "tourism_capacity",
                "tourism_seasons",
                "tourism_services",
            )
        },
        "photos": [photo.image.url for photo in product.photos.all()],
    }
