"""The 15 indicators' numbers without the records behind them: what a dashboard shows, computed from the same
Dataset and by the same rules as `compute.compute`, only faster, so that a national dashboard and its yearly
trend answer in about a second.

Why it is faster (the numbers are the same, checked by tests/test_fast_indicators.py on randomised data and on
the indicator tests' scenarios):
- no id sets: a record adds 1 to its place's numerator and denominator and is forgotten (the drill-down pages
  ask `compute.compute` for the ids, for one date, when they are opened);
- what does not depend on the date is worked out once per dataset (`Facts`), not once per date: a product's
  first recognition, the periods in which it is an OCOP product, the first day it was shown at an event, the
  first day it was forwarded; a listing's active period; a producer's facts — the trend's six dates then cost
  six cheap passes;
- indicators sharing a denominator share its sums (the OCOP producers at D are the denominator of 6, 7, 8, 9
  and 14; the recognised products that of 1 and 2).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from ocop.market.choices import MODERN_KINDS, SUPERMARKET_KINDS
from ocop.programme.indicators.compute import (
    COMMUNITY_TOURISM_SET,
    SUBJECTS,
    Measure,
    _new_rural,
    _showrooms,
    active,
    renewal,
)
from ocop.programme.indicators.dataset import Cert, Dataset
from ocop.registry.choices import COOPERATIVES_AND_ENTERPRISES, Ethnicity, Gender

NEVER = datetime.date.max
ONE_DAY = datetime.timedelta(days=1)
Sums = dict[str, float]  # path of a commune (districts for indicator 11) → sum


@dataclass
class Totals:
    """One indicator's numerator, denominator and the figure shown beside, per place (not yet added up)."""

    num: Sums = field(default_factory=lambda: defaultdict(float))
    den: Sums = field(default_factory=lambda: defaultdict(float))
    extra: Sums = field(default_factory=lambda: defaultdict(float))


@dataclass(slots=True)
class ProductFacts:
    product: int
    producer: int
    first: datetime.date  # the first recognition (decision date)
    tourism: bool
    ocop: list[tuple[datetime.date, datetime.date]]  # periods (inclusive) in which it is an OCOP product
    forwarded: datetime.date  # the first forwarding in the plan (a dossier's, or a central recognition), or NEVER
    recognised: datetime.date  # the first recognition dated in the plan, or NEVER
    ending: datetime.date  # the first validity end in the plan (renewal: nothing to look at before), or NEVER
    shown: datetime.date  # the first day of the first event in the plan at which it was shown, or NEVER
    certs: list[Cert]


@dataclass(slots=True)
class ProducerFacts:
    female: bool
    gender_not_stated: bool
    minority: bool
    ethnicity_not_stated: bool
    coop: bool
    linkages: list[tuple[datetime.date, datetime.date | None]]
    workforce: list[tuple[int, int, int]]  # (year, workers, trained), latest year first
    modern: list[tuple[datetime.date, datetime.date]]  # periods with a listing at an open modern sales point


def ocop_periods(certs: list[Cert]) -> list[tuple[datetime.date, datetime.date]]:
    """The days on which `compute.valid_certificate` finds a certificate, as inclusive periods: each certificate
    decides from its issue until the next one issued later (the last of a day's issues decides that day), and
    makes the product an OCOP product while not revoked and not ended (nor past its extension)."""
    periods = []
    later: datetime.date | None = None  # the issue date of the next certificate issued later than this one
    for cert in reversed(certs):  # newest issue first (the list is oldest first, ties by id)
        if later is not None and cert.issued_on >= later:
            continue  # issued the same day as a certificate after it in the list: that one decides
        last = cert.valid_until if cert.extended_until is None else max(cert.valid_until, cert.extended_until)
        if later is not None and later - ONE_DAY < last:
            last = later - ONE_DAY
        if cert.revoked_on is not None and cert.revoked_on - ONE_DAY < last:
            last = cert.revoked_on - ONE_DAY
        if cert.issued_on <= last:
            periods.append((cert.issued_on, last))
        later = cert.issued_on
    return periods


def _within(periods: list[tuple[datetime.date, datetime.date]], day: datetime.date) -> bool:
    return any(start <= day <= end for start, end in periods)


class Facts:
    """What the indicators need that does not depend on the date, worked out once for a Dataset."""

    def __init__(self, data: Dataset) -> None:
        self.data = data
        start = data.plan.starts_on
        ocop_at = {product: ocop_periods(certs) for product, certs in data.certificates.items()}
        shown = self._shown(data, ocop_at, start)
        forwarded_at = {p: min(d for d in days if d >= start) for p, days in data.forwarded.items()
                        if any(d >= start for d in days)}  # fmt: skip
        product_producer, product_set = data.product_producer, data.product_set
        self.products: list[ProductFacts] = []
        for product, certs in data.certificates.items():
            first = recognised = ending = forwarded = NEVER
            for c in certs:
                decided = c.decision_date
                if decided < first:
                    first = decided
                if decided >= start:
                    if decided < recognised:
                        recognised = decided
                    if c.central and decided < forwarded:
                        forwarded = decided
                if start <= c.valid_until < ending:
                    ending = c.valid_until
            forwarded = min(forwarded, forwarded_at.get(product, NEVER))
            self.products.append(
                ProductFacts(
                    product, product_producer[product], first, product_set.get(product) == COMMUNITY_TOURISM_SET,
                    ocop_at[product], forwarded, recognised, ending, shown.get(product, NEVER), certs,
                )
            )  # fmt: skip
        modern: dict[int, list[tuple[datetime.date, datetime.date]]] = defaultdict(list)
        # Listings at the supermarkets of indicator 13: (first day, last day, product, sales point).
        self.supermarket_listings: list[tuple[datetime.date, datetime.date, int, int]] = []
        for product, point, since, until, kind, opened, closed in data.listings:
            first, last = max(since, opened), min(until or NEVER, closed or NEVER)
            if first > last:
                continue
            if kind in MODERN_KINDS:
                modern[data.product_producer[product]].append((first, last))
            if point in data.sales_points and data.sales_points[point]["kind"] in SUPERMARKET_KINDS:
                self.supermarket_listings.append((first, last, product, point))
        self.producers: dict[int, ProducerFacts] = {}
        for producer in {p.producer for p in self.products}:
            facts = data.producers.get(producer, {})
            gender, ethnicity = facts.get("representative_gender"), facts.get("representative_ethnicity")
            self.producers[producer] = ProducerFacts(
                gender == Gender.FEMALE, gender == Gender.NOT_STATED,
                ethnicity not in (None, Ethnicity.KINH, Ethnicity.NOT_STATED), ethnicity == Ethnicity.NOT_STATED,
                facts.get("legal_form") in COOPERATIVES_AND_ENTERPRISES, data.linkages.get(producer, []),
                sorted(data.workforce.get(producer, ()), reverse=True), modern.get(producer, []),
            )  # fmt: skip
        self._settle()

    @staticmethod
    def _shown(
        data: Dataset, ocop_at: dict[int, list[tuple[datetime.date, datetime.date]]], start: datetime.date
    ) -> dict[int, datetime.date]:
        """Each product's first event day in the plan at which it was shown (indicator 10): named by the
        participation, or, for one naming none, an OCOP product of the producer on the event's first day."""
        products_of: dict[int, list[int]] = defaultdict(list)
        for product, producer in data.product_producer.items():
            products_of[producer].append(product)
        shown: dict[int, datetime.date] = {}
        for producer, first_day, products in data.participations:
            if first_day < start:
                continue
            if not products:
                products = [p for p in products_of[producer] if _within(ocop_at.get(p, []), first_day)]
            for product in products:
                if first_day < shown.get(product, NEVER):
                    shown[product] = first_day
        return shown

    def totals(self, day: datetime.date) -> dict[str, Totals]:
        """The 15 indicators' sums per place at `day`; the same numbers as `compute.compute(data, day)`'s."""
        start = self.data.plan.starts_on
        out = {code: Totals() for code in SUBJECTS}
        recognised = out["new_products"].den
        out["cumulative_products"].den = recognised  # the same products: recognised at any time
        new, cumulative = out["new_products"].num, out["cumulative_products"].num
        valid = out["cumulative_products"].extra
        tourism, events = out["tourism_products"], out["event_participation_share"]
        potential, renewed = out["potential_5_star_share"], out["renewed_share"]
        place = self.places(day)
        ocop: set[int] = set()
        ocop_producers: set[int] = set()
        for p in self.products:
            is_ocop = False
            for first_day, last_day in p.ocop:
                if first_day <= day <= last_day:
                    is_ocop = True
                    ocop.add(p.product)
                    ocop_producers.add(p.producer)
                    break
            path = place[p.producer]
            if path is None:
                continue
            recognised[path] += 1
            if p.first <= day:
                cumulative[path] += 1
                if start <= p.first:
                    new[path] += 1
            if is_ocop:
                valid[path] += 1
                events.den[path] += 1  # indicator 10: the OCOP products at D…
                if p.shown <= day:
                    events.num[path] += 1  # …shown at an event in [start, D]
            if p.tourism:
                tourism.den[path] += 1
                if p.first <= day:
                    tourism.num[path] += 1
            if p.forwarded <= day or p.recognised <= day:
                potential.den[path] += 1
                if p.forwarded <= day:
                    potential.num[path] += 1
            if p.ending <= day:
                counted = renewal(p.certs, start, day)
                if counted is not None:
                    renewed.den[path] += 1
                    if counted:
                        renewed.num[path] += 1
        self._producers(out, ocop_producers, place, day)
        self._places_at_d(out, ocop, place, day)
        return out

    def places(self, day: datetime.date) -> dict[int, str | None]:
        """Each producer with a recognised product → the path of its commune on `day` (None: outside the plan)."""
        leaf_of, leaf_path, settled = self.data.leaf_of_producer, self.data.leaf_path, self.settled
        out: dict[int, str | None] = {}
        for producer in self.producers:
            known = settled.get(producer)
            if known is not None:
                out[producer] = known[2] if day >= known[0] else known[1]
            else:
                leaf = leaf_of(producer, day)
                out[producer] = leaf_path.get(leaf) if leaf else None
        return out

    def _settle(self) -> None:
        """Producers whose place is known without a search by date (most): no address history, or one address
        open since a date — (that date, the place before it, the place from then on), as `leaf_of_producer`."""
        data = self.data

        def path(leaf: int | None) -> str | None:
            return data.leaf_path.get(leaf) if leaf else None

        self.settled: dict[int, tuple[datetime.date, str | None, str | None]] = {}
        for producer in self.producers:
            addresses = data.addresses.get(producer, ())
            fallback = data.producers.get(producer, {}).get("commune_id")
            before = path(data.to_leaf.get(fallback) if fallback else None)
            if not addresses:
                self.settled[producer] = (datetime.date.min, before, before)
            elif len(addresses) == 1 and addresses[0][1] is None:
                since, _end, commune = addresses[0]
                self.settled[producer] = (since, before, path(data.to_leaf.get(commune)))

    def _producers(
        self, out: dict[str, Totals], ocop_producers: set[int], place: dict[int, str | None], day: datetime.date
    ) -> None:
        """Indicators 5–9 and 14: the OCOP producers at D, their facts and links."""
        producers = out["women_led_share"].den
        for code in ("ethnic_minority_led_share", "coop_enterprise_share", "value_chain_share", "modern_channel_share"):
            out[code].den = producers  # all five: the OCOP producers at D
        women, minority = out["women_led_share"], out["ethnic_minority_led_share"]
        coop, chain, modern = (
            out["coop_enterprise_share"].num,
            out["value_chain_share"].num,
            out["modern_channel_share"].num,
        )
        trained = out["trained_workforce_share"]
        for producer in ocop_producers:
            path = place[producer]
            if path is None:
                continue
            f = self.producers[producer]
            producers[path] += 1
            if f.female:
                women.num[path] += 1
            elif f.gender_not_stated:
                women.extra[path] += 1
            if f.minority:
                minority.num[path] += 1
            elif f.ethnicity_not_stated:
                minority.extra[path] += 1
            if f.coop:
                coop[path] += 1
            if any(active(s, e, day) for s, e in f.linkages):
                chain[path] += 1
            if _within(f.modern, day):
                modern[path] += 1
            for year, workers, trained_workers in f.workforce:  # latest year first: the first up to D's year
                if year <= day.year:
                    trained.num[path] += trained_workers
                    trained.den[path] += workers
                    break

    def _places_at_d(
        self, out: dict[str, Totals], ocop: set[int], place: dict[int, str | None], day: datetime.date
    ) -> None:
        """Indicators 11, 13 and 15, which count places (few: 11 and 15 by `compute`'s own functions)."""
        selling = {point for first, last, product, point in self.supermarket_listings
                   if first <= day <= last and product in ocop}  # fmt: skip
        supermarkets = out["supermarket_coverage"]
        for pk, point in self.data.sales_points.items():
            if point["kind"] in SUPERMARKET_KINDS and active(point["opened_on"], point["closed_on"], day):
                path = self.data.leaf_path.get(point["leaf"]) if point["leaf"] else None
                if path is not None:
                    supermarkets.den[path] += 1
                    if pk in selling:
                        supermarkets.num[path] += 1
        where = place.get
        for code, fill in (("district_showroom_coverage", lambda m: _showrooms(self.data, m, day)),
                           ("ntm_commune_coverage", lambda m: _new_rural(self.data, m, ocop, where, day))):  # fmt: skip
            measure = Measure(SUBJECTS[code])
            fill(measure)
            out[code].num, out[code].den = measure.num, measure.den


def from_measures(measures: dict[str, Measure]) -> dict[str, Totals]:
    """The full computation's sums in the fast path's shape (to compare them)."""
    return {code: Totals(m.num, m.den, m.extra) for code, m in measures.items()}
