"""The market lists that export, with the columns of market/columns.py: the seven with an import kind export
the kind's columns first, then a few read-only ones, so an exported file re-imports unchanged; craft villages
export their own columns."""

from typing import Any

from django.db.models import Count, QuerySet

from ocop.exchange.exports import ListExport, fields_of, register
from ocop.market import columns
from ocop.market.filters import (
    ActivityFilter,
    CommuneStatusFilter,
    CraftVillageFilter,
    EventFilter,
    ListingFilter,
    ParticipationFilter,
    SalesPointFilter,
    SupportFilter,
)
from ocop.market.models import Activity, CommuneStatus, CraftVillage, Event, Listing, Participation, SalesPoint, Support

UNIT = "unit__parent__parent"
PRODUCER_COMMUNE = "producer__commune__parent__parent"


def _events(user: Any) -> QuerySet:
    qs = Event.objects.for_user(user, "export").select_related(UNIT)
    return qs.annotate(participant_count=Count("participations"))


def _participations(user: Any) -> QuerySet:
    qs = Participation.objects.for_user(user, "export").select_related("event", PRODUCER_COMMUNE)
    return qs.prefetch_related("products")


def _sales_points(user: Any) -> QuerySet:
    return SalesPoint.objects.for_user(user, "export").select_related(UNIT, "producer")


def _listings(user: Any) -> QuerySet:
    return Listing.objects.for_user(user, "export").select_related("product__producer", "sales_point")


def _commune_statuses(user: Any) -> QuerySet:
    return CommuneStatus.objects.for_user(user, "export").select_related(UNIT)


def _craft_villages(user: Any) -> QuerySet:
    return CraftVillage.objects.for_user(user, "export").select_related(UNIT).prefetch_related("products")


def _activities(user: Any) -> QuerySet:
    qs = Activity.objects.for_user(user, "export").select_related(UNIT)
    return qs.annotate(support_count=Count("supports"))


def _supports(user: Any) -> QuerySet:
    return Support.objects.for_user(user, "export").select_related(PRODUCER_COMMUNE, "activity")


for name, label, base, filter_class, spec in (
    ("events", "Sự kiện xúc tiến thương mại", _events, EventFilter, columns.EVENTS),
    ("participations", "Tham gia sự kiện", _participations, ParticipationFilter, columns.PARTICIPATIONS),
    ("sales_points", "Điểm bán, kênh phân phối", _sales_points, SalesPointFilter, columns.SALES_POINTS),
    ("listings", "Sản phẩm tại điểm bán", _listings, ListingFilter, columns.LISTINGS),
    (
        "commune_statuses",
        "Xã đạt chuẩn nông thôn mới",
        _commune_statuses,
        CommuneStatusFilter,
        columns.COMMUNE_STATUSES,
    ),
    ("craft_villages", "Làng nghề", _craft_villages, CraftVillageFilter, columns.CRAFT_VILLAGES),
    ("activities", "Hoạt động của chương trình", _activities, ActivityFilter, columns.ACTIVITIES),
    ("supports", "Hỗ trợ chủ thể đã nhận", _supports, SupportFilter, columns.SUPPORTS),
):
    register(ListExport(name, label, base, filter_class, fields_of(spec)))
