"""Market records over the API: list (the pages' filters, sort and pagination) and detail, scoped."""

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any

from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from ocop.core.api import (
    CREATE,
    LIST,
    ONE,
    UPDATE,
    Page,
    answers,
    etag,
    filtered,
    page_of,
    record,
    save_body,
)
from ocop.core.api_auth import gate
from ocop.core.filters import query_schema
from ocop.market import filters
from ocop.market.forms import ListingForm, ParticipationForm
from ocop.market.models import Activity, CommuneStatus, CraftVillage, Event, Listing, Participation, SalesPoint, Support
from ocop.places.api import UnitRef, ref

router = Router()


class EventOut(Schema):
    id: int
    name: str
    kind: str
    level: str
    organiser: str
    place: str
    unit: UnitRef | None
    starts_on: datetime.date
    ends_on: datetime.date
    budget: Decimal | None
    registration_open: bool
    confirmed: bool


class ParticipationOut(Schema):
    id: int
    event_id: int
    event_name: str
    producer_id: int
    producer_name: str
    product_ids: list[int]
    booth: str
    sales: Decimal | None
    contracts: int
    buyers_met: int
    confirmed: bool


class SalesPointOut(Schema):
    id: int
    name: str
    kind: str
    is_modern: bool
    is_showroom: bool
    operator: str
    unit: UnitRef | None
    address: str
    url: str
    opened_on: datetime.date
    closed_on: datetime.date | None
    latitude: Decimal | None
    longitude: Decimal | None
    producer_id: int | None
    confirmed: bool


class ListingOut(Schema):
    id: int
    product_id: int
    product_name: str
    sales_point_id: int
    sales_point_name: str
    since: datetime.date
    until: datetime.date | None
    url: str
    price: Decimal | None
    confirmed: bool


class CommuneStatusOut(Schema):
    id: int
    unit: UnitRef
    year: int
    level: str
    decision_number: str
    decision_date: datetime.date


class CraftVillageOut(Schema):
    id: int
    name: str
    unit: UnitRef
    recognised_on: datetime.date | None
    decision_number: str
    tourism: bool
    product_ids: list[int]


class ActivityOut(Schema):
    id: int
    kind: str
    title: str
    agency: str
    unit: UnitRef
    starts_on: datetime.date
    ends_on: datetime.date | None
    budget: Decimal | None
    funding_source: str
    status: str
    participants: int | None
    producer_ids: list[int]
    product_ids: list[int]


class SupportOut(Schema):
    id: int
    producer_id: int
    producer_name: str
    activity_id: int | None
    kind: str
    amount: Decimal | None
    funding_source: str
    received_on: datetime.date
    description: str


def fields_of(obj: Model, schema: type[Schema], **extra: Any) -> dict[str, Any]:
    plain = {name: getattr(obj, name) for name in schema.model_fields if name not in extra and hasattr(obj, name)}
    return {**plain, **extra}


def unit_ref(obj: Any) -> dict | None:
    return ref(obj.unit) if obj.unit_id else None


RENDER: dict[type[Model], Callable[[Any], dict]] = {
    Event: lambda e: fields_of(e, EventOut, unit=unit_ref(e)),
    Participation: lambda p: fields_of(
        p, ParticipationOut, event_name=p.event.name, producer_name=p.producer.name,
        product_ids=[x.pk for x in p.products.all()],
    ),
    SalesPoint: lambda s: fields_of(s, SalesPointOut, unit=unit_ref(s)),
    Listing: lambda x: fields_of(
        x, ListingOut, product_name=x.product.name, sales_point_name=x.sales_point.name
    ),
    CommuneStatus: lambda c: fields_of(c, CommuneStatusOut, unit=ref(c.unit)),
    CraftVillage: lambda v: fields_of(
        v, CraftVillageOut, unit=ref(v.unit), product_ids=[x.pk for x in v.products.all()]
    ),
    Activity: lambda a: fields_of(
        a, ActivityOut, unit=ref(a.unit), producer_ids=[x.pk for x in a.producers.all()],
        product_ids=[x.pk for x in a.products.all()],
    ),
    Support: lambda s: fields_of(s, SupportOut, producer_name=s.producer.name),
}  # fmt: skip


def expose(path: str, model: type[Model], schema: type[Schema], filter_class: Any, related: tuple, many: tuple) -> None:
    """GET /market/<path> (a page of the list) and /market/<path>/{id}, both limited to the caller's scope."""
    page_schema = type(f"{model.__name__}Page", (Page,), {"__annotations__": {"results": list[schema]}})
    render = RENDER[model]

    def base(request: HttpRequest) -> QuerySet:
        return model.objects.for_user(request.user).select_related(*related).prefetch_related(*many)

    query = query_schema(filter_class)

    def list_view(request: HttpRequest, given: Query[query], page: int = 1, page_size: int = 50) -> dict:
        return page_of(request, filtered(request, filter_class, base(request)), page, page_size, render)

    def detail_view(request: HttpRequest, pk: int) -> dict:
        return render(get_object_or_404(base(request), pk=pk))

    label = model._meta.verbose_name_plural
    summary = f"{label} in your scope".capitalize()
    router.get(path, response=answers(page_schema, *LIST), operation_id=f"list_{path}", summary=summary)(list_view)
    router.get(f"{path}/{{pk}}", response=answers(schema, *ONE), operation_id=f"get_{path}")(detail_view)


expose("events", Event, EventOut, filters.EventFilter, ("unit",), ())
expose(
    "participations", Participation, ParticipationOut, filters.ParticipationFilter, ("event", "producer"), ("products",)
)
expose("sales-points", SalesPoint, SalesPointOut, filters.SalesPointFilter, ("unit",), ())
expose("listings", Listing, ListingOut, filters.ListingFilter, ("product", "sales_point"), ())
expose("commune-statuses", CommuneStatus, CommuneStatusOut, filters.CommuneStatusFilter, ("unit",), ())
expose("craft-villages", CraftVillage, CraftVillageOut, filters.CraftVillageFilter, ("unit",), ("products",))
expose("activities", Activity, ActivityOut, filters.ActivityFilter, ("unit",), ("producers", "products"))
expose("supports", Support, SupportOut, filters.SupportFilter, ("producer",), ())


# ------------------------------------------------------------------------------------------- writing
# Listings and participations, through the pages' forms (a producer's own proposal stays unconfirmed until an
# office confirms it, as on the pages). `gate` asks the rights table before the body is read.

Id = Annotated[int, Field(ge=1, lt=2**63)]


class ListingIn(Schema):
    product: Id | None = None
    sales_point: Id | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None
    url: str | None = None
    price: Decimal | None = Field(None, ge=0, lt=10**12)
    confirmed: bool | None = Field(None, description="Only an office's confirmation counts; ignored otherwise")


class ParticipationIn(Schema):
    event: Id | None = None
    producer: Id | None = None
    products: list[Id] | None = None
    booth: str | None = None
    sales: Decimal | None = Field(None, ge=0, lt=10**15)
    contracts: int | None = Field(None, ge=0, lt=2**31)
    buyers_met: int | None = Field(None, ge=0, lt=2**31)
    confirmed: bool | None = Field(None, description="Only an office's confirmation counts; ignored otherwise")


def write(path: str, model: type[Model], schema_in: type[Schema], schema_out: type[Schema], form_class: Any) -> None:
    """POST /market/<path> and PATCH /market/<path>/{pk} (only the fields sent; `If-Match` for a stale write)."""
    render = RENDER[model]
    name = model._meta.verbose_name

    def answer(obj: Model, response: HttpResponse) -> dict:
        response["ETag"] = etag(obj)
        return render(model._default_manager.get(pk=obj.pk))  # read back: the saved values, its relations

    def create_view(request: HttpRequest, body: schema_in, response: HttpResponse) -> dict:  # type: ignore[valid-type]  # a schema class
        return answer(save_body(request, form_class, body), response)

    def update_view(request: HttpRequest, pk: int, body: schema_in, response: HttpResponse) -> dict:  # type: ignore[valid-type]  # a schema class
        return answer(save_body(request, form_class, body, record(request)), response)

    router.post(
        path, response=answers(schema_out, *CREATE), auth=gate("add", model), operation_id=f"add_{path}",
        summary=f"Add a {name}",
    )(create_view)  # fmt: skip
    router.patch(
        f"{path}/{{pk}}", response=answers(schema_out, *UPDATE), auth=gate("change", model, "pk"),
        operation_id=f"change_{path}", summary=f"Change a {name} (only the fields sent)",
    )(update_view)  # fmt: skip


write("listings", Listing, ListingIn, ListingOut, ListingForm)
write("participations", Participation, ParticipationIn, ParticipationOut, ParticipationForm)
