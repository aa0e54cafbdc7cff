"""Everything the 15 indicators need for one plan, read in a fixed number of queries (about a dozen) whatever
the number of units, products or dates; the indicators for any date are then computed in memory.

Records are placed on the plan's map: a record on a commune of the other map is placed on its successor
(old → new) or its first predecessor (new → old, our rule), so a 2026 plan on the two-level map counts the
history recorded on the three-level map, and the other way round."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Q

from ocop.certificates.models import Certificate
from ocop.evaluation.models import DossierEvent
from ocop.market.choices import SUPERMARKET_KINDS, SalesPointKind
from ocop.market.models import CommuneStatus, Listing, Participation, SalesPoint
from ocop.places.choices import Level
from ocop.places.models import Succession, Unit
from ocop.registry.models import Linkage, Producer, ProducerAddress, Product, Workforce

if TYPE_CHECKING:
    from ocop.programme.models import Plan


@dataclass(slots=True)  # 60,000 of them for the country: slots make them quicker to build
class Cert:
    product: int
    stars: int
    decision_date: datetime.date
    issued_on: datetime.date
    valid_until: datetime.date
    extended_until: datetime.date | None
    revoked_on: datetime.date | None
    central: bool


@dataclass
class Dataset:
    plan: "Plan"
    leaf_path: dict[int, str] = field(default_factory=dict)  # communes of the plan's map in the province
    district_path: dict[int, str] = field(default_factory=dict)  # district-level units (three-level map only)
    to_leaf: dict[int, int] = field(default_factory=dict)  # any commune id → a commune of the plan's map
    addresses: dict[int, list[tuple[datetime.date, datetime.date | None, int]]] = field(default_factory=dict)
    producers: dict[int, dict[str, Any]] = field(default_factory=dict)
    product_producer: dict[int, int] = field(default_factory=dict)
    product_set: dict[int, int] = field(default_factory=dict)
    certificates: dict[int, list[Cert]] = field(default_factory=dict)  # by product, oldest issue first
    forwarded: dict[int, list[datetime.date]] = field(default_factory=dict)
    workforce: dict[int, list[tuple[int, int, int]]] = field(default_factory=dict)  # (year, workers, trained)
    linkages: dict[int, list[tuple[datetime.date, datetime.date | None]]] = field(default_factory=dict)
    participations: list[tuple[int, datetime.date, list[int]]] = field(default_factory=list)
    sales_points: dict[int, dict[str, Any]] = field(default_factory=dict)
    listings: list[tuple] = field(default_factory=list)  # product, point, since, until, kind, opened, closed
    statuses: dict[int, list[tuple[datetime.date, str]]] = field(default_factory=dict)  # by leaf

    def leaf_of_producer(self, producer: int, day: datetime.date) -> int | None:
        for start, end, commune in self.addresses.get(producer, ()):
            if start <= day and (end is None or day <= end):
                return self.to_leaf.get(commune)
        fallback = self.producers.get(producer, {}).get("commune_id")
        return self.to_leaf.get(fallback) if fallback else None


def load(plan: "Plan") -> Dataset:
    data = load_places(plan)
    # Every commune, of either map, that places a record in the province; a plan of the whole map (a national
    # one) needs no filter at all, and a list of 14,000 ids would cost more than the rows it selects.
    inside = None if plan_covers_whole_map(plan) else list(data.to_leaf)
    producers = Producer.objects.all() if inside is None else producers_in(inside)
    fields = ("id", "commune_id", "legal_form", "representative_gender", "representative_ethnicity")
    data.producers = {row["id"]: row for row in producers.values(*fields)}
    # A subquery (no list of thousands of parameters); for the whole map no filter at all: every row counts, and
    # `IN (SELECT id FROM producer)` would only cost the database a join.
    ids = producers.values("id") if inside is not None else None
    for row in tuples(
        only(ProducerAddress.objects, "producer_id__in", ids).values_list(
            "producer_id", "valid_from", "valid_to", "commune_id"
        )
    ):
        data.addresses.setdefault(row[0], []).append(row[1:])
    for pk, producer, product_set in tuples(
        only(Product.objects, "producer_id__in", ids).values_list("id", "producer_id", "product_set_id")
    ):
        data.product_producer[pk], data.product_set[pk] = producer, product_set
    _load_certificates(data, ids)
    forwards = only(DossierEvent.objects.filter(action="forward_central"), "dossier__product__producer_id__in", ids)
    for product, at in forwards.values_list("dossier__product_id", "at"):
        data.forwarded.setdefault(product, []).append(at.date())
    for producer, year, workers, trained in tuples(
        only(Workforce.objects, "producer_id__in", ids).values_list("producer_id", "year", "workers", "trained_workers")
    ):
        data.workforce.setdefault(producer, []).append((year, workers, trained))
    for producer, start, end in tuples(
        only(Linkage.objects.filter(stable=True), "producer_id__in", ids).values_list(
            "producer_id", "started_on", "ended_on"
        )
    ):
        data.linkages.setdefault(producer, []).append((start, end))
    _load_market(data, ids)
    return data


def load_places(plan: "Plan") -> Dataset:
    """The plan's map, its showroom centres and supermarkets, and its communes' new-rural statuses: the places
    the indicators count (11, 13, 15), which the SQL path (`sql.py`) reads as the full computation does."""
    data = Dataset(plan)
    _load_map(data)
    inside = None if plan_covers_whole_map(plan) else list(data.to_leaf)
    local = SalesPoint.objects.filter(kind__in=[SalesPointKind.SHOWROOM_CENTRE, *SUPERMARKET_KINDS])
    local = local.filter(unit__isnull=False) if inside is None else local.filter(unit_id__in=inside)
    # By name (the model's ordering), with their coordinates: the dashboard's map shows the showroom centres.
    for row in local.values("id", "kind", "unit_id", "opened_on", "closed_on", "name", "latitude", "longitude"):
        data.sales_points[row["id"]] = {**row, "leaf": data.to_leaf.get(row["unit_id"])}
    statuses = CommuneStatus.objects.all() if inside is None else CommuneStatus.objects.filter(unit_id__in=inside)
    for unit, decided, level in statuses.values_list("unit_id", "decision_date", "level"):
        if unit in data.to_leaf:
            data.statuses.setdefault(data.to_leaf[unit], []).append((decided, level))
    return data


def producers_in(inside: list[int]) -> Any:
    """The producers recorded in these communes (of either map): by their commune or any of their addresses."""
    return Producer.objects.filter(Q(commune_id__in=inside) | Q(addresses__commune_id__in=inside)).distinct()


def _load_map(data: Dataset) -> None:
    plan = data.plan
    units = Unit.objects.filter(map=plan.map, path__startswith=plan.province.path)
    for pk, level, path in tuples(units.values_list("id", "level", "path")):
        if level == Level.COMMUNE:
            data.leaf_path[pk] = path
            data.to_leaf[pk] = pk
        elif level == Level.DISTRICT:
            data.district_path[pk] = path
    leaves = set(data.leaf_path)
    pairs = Succession.objects.all()  # the whole map: every pair (the ones not touching it are skipped below)
    if not plan_covers_whole_map(plan):
        pairs = pairs.filter(Q(successor_id__in=leaves) | Q(predecessor_id__in=leaves))
    for old, new in tuples(pairs.order_by("successor__code", "predecessor__code").values_list(
        "predecessor_id", "successor_id"
    )):  # fmt: skip
        if new in leaves:
            data.to_leaf.setdefault(old, new)  # an old commune placed on the new one it became
        if old in leaves:
            data.to_leaf.setdefault(new, old)  # a new commune placed on its first predecessor (our rule)


def _load_certificates(data: Dataset, producers: Any) -> None:
    rows = only(Certificate.objects, "product__producer_id__in", producers).order_by("issued_on", "id")
    certificates = data.certificates
    for product, stars, decided, issued, until, extended, revoked, level in tuples(rows.values_list(
        "product_id", "stars", "decision_date", "issued_on", "valid_until", "extended_until", "revoked_on",
        "deciding_level",
    )):  # fmt: skip
        cert = Cert(product, stars, decided, issued, until, extended, revoked, level == "central")
        if product in certificates:
            certificates[product].append(cert)
        else:
            certificates[product] = [cert]


def tuples(rows: Any) -> list[tuple]:
    """A values_list query's rows, read at once with the database's cursor: Django's row iterator (100 rows a
    fetch, then a pass per row) costs more than the reading itself for 60,000 certificates. Only for columns the
    driver already returns as their Python values (ids, text, numbers, dates — SQLite's through Django's
    converters for declared `date` columns), not datetimes."""
    try:
        sql, params = rows.query.get_compiler(using=rows.db).as_sql()
    except EmptyResultSet:  # a plan of a province without communes: nothing to read
        return []
    with connections[rows.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def only(rows: Any, lookup: str, producers: Any) -> Any:
    """The rows of the plan's producers (all of them for a plan of the whole map), in no particular order (a
    model's default ordering would make the database sort rows that are put in dicts)."""
    return (rows.all() if producers is None else rows.filter(**{lookup: producers})).order_by()


def plan_covers_whole_map(plan: "Plan") -> bool:
    return plan.province.path.count("/") == 1  # "2025/": the root of a map, not a province


def _load_market(data: Dataset, producers: Any) -> None:
    plan = data.plan
    shown: dict[int, list[int]] = defaultdict(list)
    chosen = only(Participation.products.through.objects, "participation__producer_id__in", producers)
    for participation, product in tuples(chosen.values_list("participation_id", "product_id")):
        shown[participation].append(product)
    participations = Participation.objects.filter(event__starts_on__gte=plan.starts_on)
    rows = only(participations, "producer_id__in", producers).values_list("id", "producer_id", "event__starts_on")
    for pk, producer, start in tuples(rows):
        data.participations.append((producer, start, shown.get(pk, [])))
    # Every listing of the province's products, wherever it is sold (indicator 14 counts any modern channel).
    listed = only(Listing.objects, "product__producer_id__in", producers)
    data.listings = tuples(
        listed.values_list(
            "product_id", "sales_point_id", "since", "until", "sales_point__kind", "sales_point__opened_on",
            "sales_point__closed_on",
        )
    )  # fmt: skip
