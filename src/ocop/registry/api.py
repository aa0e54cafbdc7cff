"""Producers and products: list (same filters, sort and pagination as the pages) and detail, scoped."""

import base64
import binascii
import datetime
from collections.abc import Iterable
from decimal import Decimal
from functools import partial
from typing import Annotated, Literal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from ocop.core import rights
from ocop.core.api import (
    CREATE,
    LIST,
    ONE,
    UPDATE,
    FormRefused,
    Page,
    answers,
    filtered,
    form_data,
    listing,
    record,
    save_body,
    save_form,
)
from ocop.core.api_auth import gate
from ocop.core.filters import query_schema
from ocop.core.versions import version_of
from ocop.places.api import UnitRef, ref
from ocop.registry.choices import Gender, ProductStatus
from ocop.registry.filters import ProducerFilter, ProductFilter
from ocop.registry.forms import PhotoForm, ProducerForm, ProductForm, WorkforceForm
from ocop.registry.models import Producer, Product, ProductPhoto, Workforce

router = Router()
GenderCode = Literal[tuple(Gender.values)]  # the schema lists the codes, "not_stated" included


class WorkforceOut(Schema):
    year: int
    workers: int
    trained_workers: int
    local_workers: int


PERSONAL = " Personal data: null without the rights table's `personal` right on the producer."


class ProducerOut(Schema):
    id: int
    name: str
    legal_form: str
    tax_code: str
    founded_on: datetime.date | None
    representative_name: str
    representative_gender: GenderCode | None = Field(description="The representative's gender." + PERSONAL)
    representative_ethnicity: str | None = Field(
        description="2-digit code of the 54 groups (01 Kinh); 00 = not stated." + PERSONAL
    )
    representative_disability: bool | None = Field(description="A person with a disability." + PERSONAL)
    commune: UnitRef
    address: str
    is_demo: bool


class ProducerDetailOut(ProducerOut):
    phone: str | None = Field(description="Phone." + PERSONAL)
    email: str | None = Field(description="Email." + PERSONAL)
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


def producer_out(request: HttpRequest, p: Producer, fields: Iterable[str] = ProducerOut.model_fields) -> dict:
    """The producer's fields as `request.user` may read them: personal ones null without the right."""
    values = rights.masked(request.user, p, {f: getattr(p, f) for f in fields if f != "commune"})
    return {**values, "commune": ref(p.commune)} if "commune" in fields else values


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
    request: HttpRequest,
    filters: Query[query_schema(ProducerFilter)],
    page: int = 1,
    page_size: int = 50,
    cursor: str | None = None,
) -> dict:
    """Filters: `q` (ignores diacritics), `unit` (+ `at`), `legal_form`, `gender`, `ethnicity`, `sort`.
    `cursor=` (empty for the first) pages by id instead of `page`: follow `next_cursor`."""
    qs = Producer.objects.for_user(request.user).select_related("commune")
    return listing(
        request, filtered(request, ProducerFilter, qs), page, page_size, cursor, partial(producer_out, request)
    )


@router.get("producers/{producer_id}", response=answers(ProducerDetailOut, *ONE))
def producer_detail(request: HttpRequest, producer_id: int, response: HttpResponse) -> dict:
    """The `ETag` header carries the record's version: send it back as `If-Match` when changing it."""
    answer = producer_data(request, producer_id)
    response["ETag"] = f'"{answer.pop("version")}"'
    return answer


def producer_data(request: HttpRequest, producer_id: int) -> dict:
    qs = Producer.objects.for_user(request.user).select_related("commune").prefetch_related("workforce", "products")
    producer = get_object_or_404(qs, pk=producer_id)
    return {
        **producer_out(request, producer, [*ProducerOut.model_fields, "phone", "email", "website"]),
        "workforce": list(producer.workforce.all()),
        "product_ids": [p.pk for p in producer.products.all()],
        "version": version_of(producer),
    }


@router.get("products", response=answers(ProductPage, *LIST), summary="Products in your scope")
def list_products(
    request: HttpRequest,
    filters: Query[query_schema(ProductFilter)],
    page: int = 1,
    page_size: int = 50,
    cursor: str | None = None,
) -> dict:
    """Filters: `q`, `unit` (+ `at`), `product_set`, `status`, `producer`, `sort`; `cursor=` as for producers."""
    qs = Product.objects.for_user(request.user).select_related("producer", "product_set")
    return listing(request, filtered(request, ProductFilter, qs), page, page_size, cursor, product_out)


@router.get("products/{product_id}", response=answers(ProductDetailOut, *ONE))
def product_detail(request: HttpRequest, product_id: int, response: HttpResponse) -> dict:
    """The `ETag` header carries the record's version: send it back as `If-Match` when changing it."""
    answer = product_data(request, product_id)
    response["ETag"] = f'"{answer.pop("version")}"'
    return answer


def product_data(request: HttpRequest, product_id: int) -> dict:
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
        "version": version_of(product),
    }


# ------------------------------------------------------------------------------------------- writing
# Each write fills the page's own form (same checks, same Vietnamese messages) and saves it as the page does
# (`save_form`); the rights table is asked before the body is read (`gate`) and again on the values saved.

Id = Annotated[int, Field(ge=1, lt=2**63)]


class ProducerIn(Schema):
    """A new producer (the page's required fields must be there) or a change to one (only what is sent)."""

    name: str | None = None
    legal_form: str | None = Field(None, description="e.g. cooperative, enterprise, household")
    tax_code: str | None = None
    founded_on: datetime.date | None = None
    representative_name: str | None = None
    representative_position: str | None = None
    representative_gender: GenderCode | None = None
    representative_ethnicity: str | None = None
    representative_disability: bool | None = None
    commune: Id | str | None = Field(None, description="The commune's id, code or key (`2025:25216`)")
    address: str | None = None
    address_since: datetime.date | None = Field(None, description="Needed when the commune or address changes")
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    publish_phone: bool | None = None
    publish_email: bool | None = None
    publish_website: bool | None = None
    latitude: Decimal | None = Field(None, ge=-90, le=90)
    longitude: Decimal | None = Field(None, ge=-180, le=180)
    notes: str | None = None


class ProductIn(Schema):
    producer: Id | None = None
    product_set: int | None = Field(None, ge=1, le=26)
    name: str | None = None
    status: Literal[tuple(ProductStatus.values)] | None = None  # type: ignore[valid-type]  # the choices' codes
    description: str | None = None
    story: str | None = None
    packaging: str | None = None
    standards: str | None = None
    traceability_code: str | None = None
    price: Decimal | None = Field(None, ge=0, lt=10**12)
    price_unit: str | None = None
    tourism_location: str | None = None
    tourism_capacity: int | None = Field(None, ge=0, lt=2**31)
    tourism_seasons: str | None = None
    tourism_services: str | None = None


class WorkforceIn(Schema):
    year: int | None = Field(None, ge=1900, le=2200)
    workers: int | None = Field(None, ge=0, lt=2**31)
    trained_workers: int | None = Field(None, ge=0, lt=2**31)
    local_workers: int | None = Field(None, ge=0, lt=2**31)
    revenue: Decimal | None = Field(None, ge=0, lt=10**15)


class WorkforceRowOut(WorkforceOut):
    id: int
    producer_id: int
    revenue: Decimal | None


class PhotoIn(Schema):
    image: str = Field(description="The photo's bytes in base64 (JPEG, PNG or WebP; re-encoded as the page does)")
    file_name: str = Field("anh.jpg", max_length=100)
    alt_text: str = ""
    position: int = Field(0, ge=0, le=1000)


class PhotoOut(Schema):
    id: int
    product_id: int
    url: str
    alt_text: str
    position: int


def _producer_answer(request: HttpRequest, producer: Producer, response: HttpResponse) -> dict:
    return producer_detail(request, producer.pk, response)


def _product_answer(request: HttpRequest, product: Product, response: HttpResponse) -> dict:
    return product_detail(request, product.pk, response)


@router.post(
    "producers", response=answers(ProducerDetailOut, *CREATE), auth=gate("add", Producer), summary="Add a producer"
)
def create_producer(request: HttpRequest, body: ProducerIn, response: HttpResponse) -> dict:
    """The page's form decides: the same required fields and messages. Send `Idempotency-Key` to retry safely."""
    return _producer_answer(request, save_body(request, ProducerForm, body), response)


@router.patch(
    "producers/{producer_id}",
    response=answers(ProducerDetailOut, *UPDATE),
    auth=gate("change", Producer, "producer_id"),
    summary="Change a producer (only the fields sent)",
)
def update_producer(request: HttpRequest, producer_id: int, body: ProducerIn, response: HttpResponse) -> dict:
    """Send `If-Match` with the `ETag` you read: a change made since answers 409 with who changed what."""
    return _producer_answer(request, save_body(request, ProducerForm, body, record(request)), response)


@router.post(
    "products", response=answers(ProductDetailOut, *CREATE), auth=gate("add", Product), summary="Add a product"
)
def create_product(request: HttpRequest, body: ProductIn, response: HttpResponse) -> dict:
    return _product_answer(request, save_body(request, ProductForm, body), response)


@router.patch(
    "products/{product_id}",
    response=answers(ProductDetailOut, *UPDATE),
    auth=gate("change", Product, "product_id"),
    summary="Change a product (only the fields sent)",
)
def update_product(request: HttpRequest, product_id: int, body: ProductIn, response: HttpResponse) -> dict:
    return _product_answer(request, save_body(request, ProductForm, body, record(request)), response)


@router.post(
    "producers/{producer_id}/workforce",
    response=answers(WorkforceRowOut, *UPDATE),
    auth=gate("add", Workforce, "producer_id", within=(Producer, "producer")),
    summary="Add a year's workforce figures",
)
def create_workforce(request: HttpRequest, producer_id: int, body: WorkforceIn) -> Workforce:
    return save_body(request, WorkforceForm, body, Workforce(producer=record(request)))


@router.post(
    "products/{product_id}/photos",
    response=answers(PhotoOut, *UPDATE),
    auth=gate("add", ProductPhoto, "product_id", within=(Product, "product")),
    summary="Add a photo",
)
def create_photo(request: HttpRequest, product_id: int, body: PhotoIn) -> dict:
    try:
        content = base64.b64decode(body.image, validate=True)
    except (binascii.Error, ValueError):
        raise FormRefused({"image": [_("Not base64: send the photo's bytes encoded in base64.")]}) from None
    upload = SimpleUploadedFile(body.file_name or "anh.jpg", content)
    instance = ProductPhoto(product=record(request))
    form = PhotoForm(form_data(PhotoForm, body, image=None), {"image": upload}, instance=instance, user=request.user)
    photo = save_form(request, form, "add")
    return {"id": photo.pk, "product_id": photo.product_id, "url": photo.image.url, "alt_text": photo.alt_text,
            "position": photo.position}  # fmt: skip
