"""The 15 indicators for one date, computed in memory from a Dataset: for each indicator, numerator and
denominator per place (a commune of the plan's map; districts for indicator 11), with the records behind them
so that every number can be checked. Higher levels add places up (never average percentages)."""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ocop.certificates import lifecycle
from ocop.market.choices import MODERN_KINDS, SUPERMARKET_KINDS, RuralLevel, SalesPointKind
from ocop.programme.indicators.dataset import Cert, Dataset
from ocop.registry.choices import COOPERATIVES_AND_ENTERPRISES, Ethnicity, Gender

RENEWAL_GRACE = datetime.timedelta(days=180)
COMMUNITY_TOURISM_SET = 26


@dataclass
class Measure:
    """Per place (a unit's path): numerator and denominator, and the ids of the records behind each."""

    subject: str  # what the ids are: product, producer, sales_point, commune, district
    num: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    den: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    num_ids: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    den_ids: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    # A figure shown beside the value (the indicator's `beside`): products valid at D, records not stated.
    extra: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def count(self, path: str | None, pk: int, *, counted: bool, not_stated: bool = False) -> None:
        """Add one record to the place's denominator (for counts: the records looked at) and, if it counts, to
        its numerator; a record whose fact is not stated is added beside."""
        if path is None:
            return
        self.den[path] += 1
        self.den_ids[path].add(pk)
        if counted:
            self.num[path] += 1
            self.num_ids[path].add(pk)
        if not_stated:
            self.extra[path] += 1


def valid_certificate(certs: list[Cert], day: datetime.date) -> Cert | None:
    """The certificate that makes the product an OCOP product on `day`: the latest issued by then, if valid."""
    latest = None
    for cert in certs:  # oldest issue first
        if cert.issued_on <= day:
            latest = cert
    if latest is None:
        return None
    # The latest issued by `day` is superseded by none issued by then: the certificates' rule decides the rest.
    c = latest
    return latest if lifecycle.valid_on(day, c.issued_on, c.valid_until, c.revoked_on, None, c.extended_until) else None


def active(start: datetime.date, end: datetime.date | None, day: datetime.date) -> bool:
    """Started on or before `day` and not ended before it."""
    return start <= day and (end is None or end >= day)


def compute(data: Dataset, day: datetime.date) -> dict[str, Measure]:
    start = data.plan.starts_on
    leaf_path = data.leaf_path
    place: dict[int, str | None] = {}  # producer → path of its commune on `day`

    def where(producer: int) -> str | None:
        if producer not in place:
            leaf = data.leaf_of_producer(producer, day)
            place[producer] = leaf_path.get(leaf) if leaf else None
        return place[producer]

    ocop = {p for p, certs in data.certificates.items() if valid_certificate(certs, day)}
    ocop_producers = {data.product_producer[p] for p in ocop}
    products_of: dict[int, list[int]] = defaultdict(list)
    for product, producer in data.product_producer.items():
        products_of[producer].append(product)
    out = {code: Measure(subject) for code, subject in SUBJECTS.items()}

    for product, certs in data.certificates.items():
        path = where(data.product_producer[product])
        first = min(c.decision_date for c in certs)
        out["new_products"].count(path, product, counted=start <= first <= day)
        out["cumulative_products"].count(path, product, counted=first <= day)
        if product in ocop and path is not None:
            out["cumulative_products"].extra[path] += 1
        if data.product_set.get(product) == COMMUNITY_TOURISM_SET:
            out["tourism_products"].count(path, product, counted=first <= day)
        forwarded = any(start <= d <= day for d in data.forwarded.get(product, ())) or any(
            c.central and start <= c.decision_date <= day for c in certs
        )
        recognised = any(start <= c.decision_date <= day for c in certs)
        if forwarded or recognised:
            out["potential_5_star_share"].count(path, product, counted=forwarded)
        _renewal(out["renewed_share"], path, product, certs, start, day)

    for producer in ocop_producers:
        path, facts = where(producer), data.producers.get(producer, {})
        gender, ethnicity = facts.get("representative_gender"), facts.get("representative_ethnicity")
        # Not stated: in the denominator, not in the numerator, and counted beside the value ("not stated: N").
        out["women_led_share"].count(path, producer, counted=gender == Gender.FEMALE,
                                     not_stated=gender == Gender.NOT_STATED)  # fmt: skip
        minority = ethnicity not in (None, Ethnicity.KINH, Ethnicity.NOT_STATED)
        out["ethnic_minority_led_share"].count(path, producer, counted=minority,
                                               not_stated=ethnicity == Ethnicity.NOT_STATED)  # fmt: skip
        coop = facts.get("legal_form") in COOPERATIVES_AND_ENTERPRISES
        out["coop_enterprise_share"].count(path, producer, counted=coop)
        linked = any(active(s, e, day) for s, e in data.linkages.get(producer, ()))
        out["value_chain_share"].count(path, producer, counted=linked)
        _workforce(out["trained_workforce_share"], path, producer, data.workforce.get(producer, ()), day)

    _events(data, out["event_participation_share"], ocop, products_of, where, start, day)
    _channels(data, out, ocop, ocop_producers, where, day)
    showrooms(data, out["district_showroom_coverage"], day)
    new_rural(data, out["ntm_commune_coverage"], {where(data.product_producer[p]) for p in ocop}, day)
    return out


SUBJECTS = {
    "new_products": "product", "cumulative_products": "product", "potential_5_star_share": "product",
    "renewed_share": "product", "trained_workforce_share": "producer", "women_led_share": "producer",
    "ethnic_minority_led_share": "producer", "coop_enterprise_share": "producer", "value_chain_share": "producer",
    "event_participation_share": "product", "district_showroom_coverage": "district", "tourism_products": "product",
    "supermarket_coverage": "sales_point", "modern_channel_share": "producer", "ntm_commune_coverage": "commune",
}  # fmt: skip


def _renewal(
    measure: Measure, path: str | None, product: int, certs: list[Cert], start: datetime.date, day: datetime.date
) -> None:
    counted = renewal(certs, start, day)
    if counted is not None:
        measure.count(path, product, counted=counted)


def renewal(certs: list[Cert], start: datetime.date, day: datetime.date) -> bool | None:
    """Indicator 4 for one product: None if it has no certificate ending in [start, day] (not revoked by then),
    else whether the latest ending one was followed by a newer recognition within the window."""
    ending = [c for c in certs if start <= c.valid_until <= day and (c.revoked_on is None or c.revoked_on > day)]
    if not ending:
        return None
    last = max(ending, key=lambda c: c.valid_until)
    return any(
        c.issued_on > last.issued_on and last.valid_until - RENEWAL_GRACE <= c.decision_date <= day for c in certs
    )


def _workforce(
    measure: Measure, path: str | None, producer: int, records: Iterable[tuple[int, int, int]], day: datetime.date
) -> None:
    known = [r for r in records if r[0] <= day.year]
    if path is None or not known:
        return
    _year, workers, trained = max(known)
    measure.num[path] += trained
    measure.den[path] += workers
    measure.den_ids[path].add(producer)
    if trained:
        measure.num_ids[path].add(producer)


Where = Callable[[int], str | None]  # producer → the path of its commune on the day


def _events(
    data: Dataset, measure: Measure, ocop: set[int], products_of: dict, where: Where, start: datetime.date,
    day: datetime.date,
) -> None:  # fmt: skip
    shown: set[int] = set()
    for producer, first_day, products in data.participations:
        if not start <= first_day <= day:
            continue
        if products:
            shown.update(products)
        else:  # all its OCOP products on the event's first day
            shown.update(p for p in products_of[producer] if valid_certificate(data.certificates.get(p, []), first_day))
    for product in ocop:
        measure.count(where(data.product_producer[product]), product, counted=product in shown)


def _channels(
    data: Dataset, out: dict[str, Measure], ocop: set[int], ocop_producers: set[int], where: Where,
    day: datetime.date,
) -> None:  # fmt: skip
    selling_points: set[int] = set()
    modern_producers: set[int] = set()
    for product, point, since, until, kind, opened, closed in data.listings:
        if not (active(since, until, day) and active(opened, closed, day)):
            continue
        if product in ocop:
            selling_points.add(point)
        if kind in MODERN_KINDS:
            modern_producers.add(data.product_producer[product])
    for pk, point in data.sales_points.items():
        if point["kind"] in SUPERMARKET_KINDS and active(point["opened_on"], point["closed_on"], day):
            path = data.leaf_path.get(point["leaf"]) if point["leaf"] else None
            out["supermarket_coverage"].count(path, pk, counted=pk in selling_points)
    for producer in ocop_producers:
        out["modern_channel_share"].count(where(producer), producer, counted=producer in modern_producers)


def open_showrooms(data: Dataset, day: datetime.date) -> dict[int, str]:
    """The province's showroom centres open on `day`, each with the path of its commune on the plan's map."""
    return {
        pk: data.leaf_path[p["leaf"]]
        for pk, p in data.sales_points.items()
        if p["kind"] == SalesPointKind.SHOWROOM_CENTRE and p["leaf"] and active(p["opened_on"], p["closed_on"], day)
    }


def showrooms(data: Dataset, measure: Measure, day: datetime.date) -> None:
    open_paths = list(open_showrooms(data, day).values())
    for pk, path in data.district_path.items():
        measure.count(path, pk, counted=any(leaf.startswith(path) for leaf in open_paths))


def new_rural(data: Dataset, measure: Measure, with_ocop: set[str | None], day: datetime.date) -> None:
    """Indicator 15: `with_ocop`, the paths of the communes with an OCOP product at `day`."""
    for leaf, statuses in data.statuses.items():
        known = [s for s in statuses if s[0] <= day]
        if not known or max(known)[1] not in (RuralLevel.ADVANCED, RuralLevel.MODEL):
            continue
        path = data.leaf_path[leaf]
        measure.count(path, leaf, counted=path in with_ocop)
