"""The numbers alone (no ids), worked out by the database: what values, tables and trends read. The same rules
as `compute.py` (the full computation with the records behind each number, which the drill-down pages read),
written as one grouped statement over a `VALUES` list of the asked dates that returns sums per (date, commune
as recorded); Python only places those communes on the plan's map, counts the few places of indicators 11 and
15, and hands the sums to the engine, which adds them up level by level. The ~330,000 rows behind a national
dashboard never leave the database: it returns a few thousand rows of sums per date.

Portable SQL (SQLite ≥ 3.25 and PostgreSQL: window functions, CTEs, `VALUES`); the two differences — a typed
date parameter and "a date minus N days" — are in `_VENDOR`. Values always travel as parameters; only table
names (from the models) are put in the text. `tests/test_fast_indicators.py` checks every number against
`compute.py`, place by place, on randomised national data and in every scenario of `test_indicators.py`."""

import contextlib
import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.db.models import Min
from django.db.models.functions import TruncDate

from ocop.certificates.models import Certificate
from ocop.evaluation.models import DossierEvent
from ocop.market.choices import MODERN_KINDS, SUPERMARKET_KINDS
from ocop.market.models import Event, Listing, Participation, SalesPoint
from ocop.programme.indicators.compute import (
    COMMUNITY_TOURISM_SET,
    RENEWAL_GRACE,
    SUBJECTS,
    Measure,
    new_rural,
    showrooms,
)
from ocop.programme.indicators.dataset import Dataset, load_places, plan_covers_whole_map, producers_in
from ocop.registry.choices import COOPERATIVES_AND_ENTERPRISES, Ethnicity, Gender
from ocop.registry.models import Linkage, Producer, ProducerAddress, Product, Workforce

if TYPE_CHECKING:
    from ocop.programme.models import Plan

Sums = dict[str, float]  # path of a commune (districts for indicator 11) → sum
# Beside the 15: the recognised products with a valid 5★ certificate (the national dashboard's 16th figure).
FIVE_STAR = "five_star_products"

# A producer's commune on a date (its address then — addresses never overlap —, else the producer's commune), as
# `Dataset.leaf_of_producer`; `{p}`: the producer's id, `{d}`: the date, `pr`: the producer's row.
_ADDRESS = (
    "LEFT JOIN {table} a ON a.producer_id = {p} AND a.valid_from <= {d} AND (a.valid_to IS NULL OR a.valid_to >= {d})"
)
_COMMUNE = "COALESCE(a.commune_id, pr.commune_id)"


@dataclass
class Totals:
    """One indicator's numerator, denominator and the figure shown beside, per place (not yet added up)."""

    num: Sums = field(default_factory=lambda: defaultdict(float))
    den: Sums = field(default_factory=lambda: defaultdict(float))
    extra: Sums = field(default_factory=lambda: defaultdict(float))


def from_measures(measures: dict[str, Measure]) -> dict[str, Totals]:
    """The full computation's sums in this shape (to compare them)."""
    return {code: Totals(m.num, m.den, m.extra) for code, m in measures.items()}


# PostgreSQL must be told that a parameter in `VALUES` is a date (SQLite keeps dates as ISO text and must not be
# told: `CAST(… AS date)` would make a number of it); "date minus N days" is spelt differently by each.
_VENDOR = {
    "postgresql": ("CAST(%s AS date)", "({} - CAST(%s AS integer))", lambda days: days),
    "sqlite": ("%s", "date({}, %s)", lambda days: f"-{days} days"),
}


# The columns of `_sums` after (date, commune): the indicator and the sum each adds to.
_COLUMNS = [
    ("new_products", "den"), ("cumulative_products", "num"), ("new_products", "num"),
    ("cumulative_products", "extra"), ("event_participation_share", "num"), ("tourism_products", "den"),
    ("tourism_products", "num"), ("potential_5_star_share", "den"), ("potential_5_star_share", "num"),
    ("renewed_share", "den"), ("renewed_share", "num"),
    ("women_led_share", "den"),  # the OCOP producers at D: shared by the five producer shares (`_empty`)
    ("women_led_share", "num"), ("women_led_share", "extra"), ("ethnic_minority_led_share", "num"),
    ("ethnic_minority_led_share", "extra"), ("coop_enterprise_share", "num"), ("value_chain_share", "num"),
    ("modern_channel_share", "num"), ("trained_workforce_share", "num"), ("trained_workforce_share", "den"),
    (FIVE_STAR, "num"), ("supermarket_coverage", "den"), ("supermarket_coverage", "num"),
]  # fmt: skip


def _marks(values: list[Any]) -> str:
    """Placeholders for an `IN` list of parameters."""
    return ", ".join(["%s"] * len(values))


def _table(model: Any) -> str:
    return connection.ops.quote_name(model._meta.db_table)


class SqlTotals:
    """The plan's sums for any dates: one statement per batch of dates, after the small reads of `load_places`
    (once): the map, showroom centres and commune statuses, which stay in Python (11 and 15 count places)."""

    def __init__(self, plan: "Plan") -> None:
        self.plan = plan
        self.places: Dataset = load_places(plan)

    def totals(self, days: list[datetime.date]) -> dict[datetime.date, dict[str, Totals]]:
        out = {day: _empty() for day in days}
        if not self.places.leaf_path or not days:
            return out  # a province without communes on the plan's map: nothing is placed anywhere
        cast, _minus, _grace = _VENDOR[connection.vendor]
        adapt = connection.ops.adapt_datefield_value
        values = ", ".join(f"({cast}, %s)" for _day in days)
        head = f"days(day, yr) AS (VALUES {values}), "
        head_params: list[Any] = [p for day in days for p in (adapt(day), day.year)]
        common, common_params = self._common_ctes()
        prefix, params = "WITH " + head + common, head_params + common_params
        self._sums(out, prefix, params)
        for day in days:
            self._places_at_d(out[day], day)
        return out

    def ocop_producers(self, day: datetime.date) -> list[tuple[int, str, Any, Any, str]]:
        """The OCOP producers at `day` (the producer shares' denominator), each with the path of its commune
        then, its coordinates and name, by name (the dashboard's map): one statement on the same CTEs."""
        cast, _minus, _grace = _VENDOR[connection.vendor]
        common, common_params = self._common_ctes()
        sql = f"""WITH days(day, yr) AS (VALUES ({cast}, %s)), {common}
        SELECT pr.id, {_COMMUNE}, pr.latitude, pr.longitude, pr.name
        FROM (SELECT DISTINCT day, producer_id FROM ocop) o JOIN {_table(Producer)} pr ON pr.id = o.producer_id
        {_ADDRESS.format(table=_table(ProducerAddress), p="o.producer_id", d="o.day")}
        ORDER BY pr.name, pr.id"""
        params = [connection.ops.adapt_datefield_value(day), day.year, *common_params]
        out = []
        for pk, commune, latitude, longitude, name in self._rows(sql, params):
            path = self._path(commune)
            if path is not None:
                out.append((pk, path, latitude, longitude, name))
        return out

    def _path(self, commune: int | None) -> str | None:
        """A commune of either map (as recorded) → the path of the commune of the plan's map it is placed on."""
        leaf = self.places.to_leaf.get(commune) if commune is not None else None
        return self.places.leaf_path.get(leaf) if leaf is not None else None

    def _rows(self, sql: str, params: list[Any]) -> list[tuple]:
        postgres = connection.vendor == "postgresql"
        with transaction.atomic() if postgres else contextlib.nullcontext(), connection.cursor() as cursor:
            if postgres:
                # The national statement sorts and hashes some 20 MB (240,000 product-dates); PostgreSQL's default
                # 4 MB would spill them to disk. For this transaction only, whatever the server's setting.
                cursor.execute("SET LOCAL work_mem = '64MB'")
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _day(self, value: Any) -> datetime.date:
        return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)

    def _common_ctes(self) -> tuple[str, list[Any]]:
        """The plan's certificates with the next issue date (each decides from its issue until a newer one is
        issued: `compute.valid_certificate`) and the (date, product) pairs in which a product is an OCOP product.
        Producers are placed (`_ADDRESS`) by joining the tables themselves (their indexes): joined with a CTE,
        which has no statistics, PostgreSQL may pick a nested loop over thousands of rows on each side."""
        if plan_covers_whole_map(self.plan):
            producers, inside, inside_params = "", "", []
        else:  # the producers recorded in the province (their commune or any address), as `dataset.load` reads
            query = producers_in(list(self.places.to_leaf)).order_by().values("id").query
            subquery, inside_params = query.sql_with_params()
            producers = f"plan_producer (id) AS ({subquery}),"
            inside = "WHERE p.producer_id IN (SELECT id FROM plan_producer)"
        # A certificate decides on the days from its issue to the day before the next one issued later (of a
        # day's issues the last by id decides: a newer issue the same day means it never decides).
        sql = f"""{producers}
        cert AS (
            SELECT c.id, c.product_id, p.producer_id, p.product_set_id, c.stars, c.decision_date, c.issued_on,
                   c.valid_until, c.extended_until, c.revoked_on, c.deciding_level,
                   LEAD(c.issued_on) OVER (PARTITION BY c.product_id ORDER BY c.issued_on, c.id) AS next_issue
            FROM {_table(Certificate)} c JOIN {_table(Product)} p ON p.id = c.product_id {inside}
        ),
        ocop AS (
            SELECT d.day, d.yr, c.product_id, c.producer_id
            FROM days d JOIN cert c ON c.issued_on <= d.day
                AND (c.next_issue IS NULL OR (c.next_issue > c.issued_on AND d.day < c.next_issue))
                AND (d.day <= c.valid_until OR d.day <= c.extended_until)
                AND (c.revoked_on IS NULL OR d.day < c.revoked_on)
        )"""
        return sql, list(inside_params)

    def _sums(self, out: dict[datetime.date, dict[str, Totals]], prefix: str, params: list[Any]) -> None:
        """Indicators 1–10, 12–14 and the products valid at D (shown beside indicator 2), in one statement: the
        products' figures added up per (date, producer) — what every product has on every date (its first
        recognition, forwarding…) in a scan without joins, what few have (OCOP at D, renewal) from their own
        sets —, with whether the producer is an OCOP producer then; each (date, producer) placed once on its
        commune of that date with its own facts, links and listings; then the supermarkets by their commune."""
        start = connection.ops.adapt_datefield_value(self.plan.starts_on)
        _cast, minus, grace = _VENDOR[connection.vendor]
        forwards = (
            DossierEvent.objects.filter(action="forward_central")
            .annotate(on=TruncDate("at", tzinfo=datetime.UTC))
            .filter(on__gte=self.plan.starts_on)
            .values("dossier__product_id")
            .annotate(first=Min("on"))
            .order_by()
        )
        forwards_sql, forwards_params = forwards.query.sql_with_params()
        through = Participation.products.through
        inside = "" if plan_covers_whole_map(self.plan) else "AND pa.producer_id IN (SELECT id FROM plan_producer)"
        forms, modern, supermarkets = (
            sorted(COOPERATIVES_AND_ENTERPRISES),
            sorted(MODERN_KINDS),
            sorted(SUPERMARKET_KINDS),
        )
        sql = f"""{prefix},
        facts AS (
            SELECT product_id, producer_id, MAX(product_set_id) AS product_set_id,
                   MIN(decision_date) AS first_decision,
                   MIN(CASE WHEN decision_date >= %s THEN decision_date END) AS recognised,
                   MIN(CASE WHEN deciding_level = %s AND decision_date >= %s THEN decision_date END) AS central
            FROM cert GROUP BY product_id, producer_id
        ),
        forwarded (product_id, first_day) AS ({forwards_sql}),
        shown AS (
            SELECT product_id, MIN(first_day) AS first_day FROM (
                SELECT pp.product_id, e.starts_on AS first_day
                FROM {_table(through)} pp JOIN {_table(Participation)} pa ON pa.id = pp.participation_id
                JOIN {_table(Event)} e ON e.id = pa.event_id
                WHERE e.starts_on >= %s {inside}
                UNION ALL  -- naming none: the producer's OCOP products on the event's first day
                SELECT c.product_id, q.starts_on
                FROM (
                    SELECT pa.producer_id, e.starts_on
                    FROM {_table(Participation)} pa JOIN {_table(Event)} e ON e.id = pa.event_id
                    WHERE e.starts_on >= %s {inside}
                        -- `NOT IN` (the column is never null), not `NOT EXISTS`: PostgreSQL filters the
                        -- participations with a hashed list before the certificates join, not after it
                        AND pa.id NOT IN (SELECT pp.participation_id FROM {_table(through)} pp)
                ) q
                JOIN cert c ON c.producer_id = q.producer_id AND c.issued_on <= q.starts_on
                    AND (c.next_issue IS NULL OR (c.next_issue > c.issued_on AND q.starts_on < c.next_issue))
                    AND (q.starts_on <= c.valid_until OR q.starts_on <= c.extended_until)
                    AND (c.revoked_on IS NULL OR q.starts_on < c.revoked_on)
            ) named_or_not GROUP BY product_id
        ),
        ending AS (  -- indicator 4: the latest end in [start, D] of a certificate not revoked by D…
            SELECT d.day, c.product_id, MAX(c.valid_until) AS last_end
            FROM days d JOIN cert c ON c.valid_until >= %s AND c.valid_until <= d.day
                AND (c.revoked_on IS NULL OR c.revoked_on > d.day)
            GROUP BY d.day, c.product_id
        ),
        latest AS (  -- …its certificate (of ties, the first issued, as `compute.renewal`'s max() keeps)…
            SELECT e.day, e.product_id, e.last_end, MIN(c.issued_on) AS last_issue
            FROM ending e JOIN cert c ON c.product_id = e.product_id AND c.valid_until = e.last_end
                AND (c.revoked_on IS NULL OR c.revoked_on > e.day)
            GROUP BY e.day, e.product_id, e.last_end
        ),
        renewal AS (  -- …renewed by a newer one decided from 180 days before that end to D (a join: a CTE has
            -- no index, a correlated EXISTS would scan it for every row)
            SELECT l.day, l.product_id, c.producer_id, MAX(CASE WHEN c.issued_on > l.last_issue
                AND c.decision_date >= {minus.format("l.last_end")} AND c.decision_date <= l.day
                THEN 1 ELSE 0 END) AS renewed
            FROM latest l JOIN cert c ON c.product_id = l.product_id
            GROUP BY l.day, l.product_id, c.producer_id
        ),
        facts_shown AS (  -- product-level dates joined once, not once per date
            SELECT f.product_id, f.producer_id, f.product_set_id, f.first_decision, s.first_day AS shown,
                CASE WHEN w.first_day IS NULL OR f.central < w.first_day THEN f.central ELSE w.first_day END
                    AS forwarded,
                f.recognised
            FROM facts f LEFT JOIN shown s ON s.product_id = f.product_id
            LEFT JOIN forwarded w ON w.product_id = f.product_id
        ),
        -- Sums cast to integer here, so that the final SUMs are bigint, not numeric (read as Decimal: slower).
        dense AS (  -- what every product has on every date: a scan of products × dates, no join
            SELECT d.day, d.yr, f.producer_id, CAST(COUNT(*) AS integer) AS recognised,
                CAST(SUM(CASE WHEN f.first_decision <= d.day THEN 1 ELSE 0 END) AS integer) AS cumulative,
                CAST(SUM(CASE WHEN f.first_decision <= d.day AND f.first_decision >= %s THEN 1 ELSE 0 END)
                    AS integer) AS new,
                CAST(SUM(CASE WHEN f.product_set_id = %s THEN 1 ELSE 0 END) AS integer) AS tourism,
                CAST(SUM(CASE WHEN f.product_set_id = %s AND f.first_decision <= d.day THEN 1 ELSE 0 END)
                    AS integer) AS tourism_counted,
                CAST(SUM(CASE WHEN f.forwarded <= d.day OR f.recognised <= d.day THEN 1 ELSE 0 END)
                    AS integer) AS potential,
                CAST(SUM(CASE WHEN f.forwarded <= d.day THEN 1 ELSE 0 END) AS integer) AS forwarded
            FROM facts_shown f CROSS JOIN days d
            GROUP BY d.day, d.yr, f.producer_id
        ),
        valid AS (  -- the OCOP products at D, and those shown at an event in [start, D]
            SELECT o.day, o.producer_id, CAST(COUNT(*) AS integer) AS valid,
                CAST(SUM(CASE WHEN f.shown <= o.day THEN 1 ELSE 0 END) AS integer) AS shown
            FROM ocop o JOIN facts_shown f ON f.product_id = o.product_id
            GROUP BY o.day, o.producer_id
        ),
        five_star AS (  -- each 5★ certificate with the next issue on a later day (`valid_on`'s "newer"): any
            -- of a day's issues counts, not only the one deciding the product's status
            SELECT c.product_id, c.issued_on, c.valid_until, c.extended_until, c.revoked_on,
                MIN(CASE WHEN n.issued_on > c.issued_on THEN n.issued_on END) AS later_issue
            FROM cert c JOIN cert n ON n.product_id = c.product_id
            WHERE c.stars = 5
            GROUP BY c.id, c.product_id, c.issued_on, c.valid_until, c.extended_until, c.revoked_on
        ),
        five AS (  -- recognised products with a valid 5★ certificate at D
            SELECT x.day, f.producer_id, CAST(COUNT(*) AS integer) AS five
            FROM (
                SELECT DISTINCT d.day, c.product_id FROM days d JOIN five_star c ON c.issued_on <= d.day
                    AND (c.later_issue IS NULL OR d.day < c.later_issue)
                    AND (d.day <= c.valid_until OR d.day <= c.extended_until)
                    AND (c.revoked_on IS NULL OR d.day < c.revoked_on)
            ) x JOIN facts_shown f ON f.product_id = x.product_id AND f.first_decision <= x.day
            GROUP BY x.day, f.producer_id
        ),
        renewed AS (
            SELECT r.day, r.producer_id, CAST(COUNT(*) AS integer) AS ending,
                CAST(SUM(r.renewed) AS integer) AS renewed
            FROM renewal r GROUP BY r.day, r.producer_id
        ),
        by_producer AS (
            SELECT n.day, n.yr, n.producer_id, n.recognised, n.cumulative, n.new, COALESCE(v.valid, 0) AS valid,
                COALESCE(v.shown, 0) AS shown, n.tourism, n.tourism_counted, n.potential, n.forwarded,
                COALESCE(r.ending, 0) AS ending, COALESCE(r.renewed, 0) AS renewed, COALESCE(f.five, 0) AS five
            FROM dense n LEFT JOIN valid v ON v.day = n.day AND v.producer_id = n.producer_id
            LEFT JOIN renewed r ON r.day = n.day AND r.producer_id = n.producer_id
            LEFT JOIN five f ON f.day = n.day AND f.producer_id = n.producer_id
        ),
        linked AS (  -- links and listings active on each date as (date, producer) sets, joined once
            SELECT DISTINCT d.day, l.producer_id FROM days d JOIN {_table(Linkage)} l ON l.stable = %s
                AND l.started_on <= d.day AND (l.ended_on IS NULL OR l.ended_on >= d.day)
        ),
        modern AS (
            SELECT DISTINCT d.day, p.producer_id
            FROM days d JOIN {_table(Listing)} li ON li.since <= d.day AND (li.until IS NULL OR li.until >= d.day)
            JOIN {_table(SalesPoint)} sp ON sp.id = li.sales_point_id AND sp.kind IN ({_marks(modern)})
                AND sp.opened_on <= d.day AND (sp.closed_on IS NULL OR sp.closed_on >= d.day)
            JOIN {_table(Product)} p ON p.id = li.product_id
        ),
        staffed AS (  -- each producer's workforce record of the latest year up to D's year (one per year)
            SELECT d.day, w.producer_id, w.workers, w.trained_workers
            FROM days d JOIN (
                SELECT producer_id, year, workers, trained_workers,
                       LEAD(year) OVER (PARTITION BY producer_id ORDER BY year) AS next_year
                FROM {_table(Workforce)}
            ) w ON w.year <= d.yr AND (w.next_year IS NULL OR d.yr < w.next_year)
        ),
        selling AS (  -- indicator 13: the supermarkets with a listing active at D of an OCOP product at D
            SELECT DISTINCT o.day, li.sales_point_id FROM ocop o JOIN {_table(Listing)} li
                ON li.product_id = o.product_id AND li.since <= o.day AND (li.until IS NULL OR li.until >= o.day)
            JOIN {_table(SalesPoint)} ss ON ss.id = li.sales_point_id AND ss.kind IN ({_marks(supermarkets)})
        )
        SELECT b.day, {_COMMUNE}, SUM(b.recognised), SUM(b.cumulative), SUM(b.new), SUM(b.valid), SUM(b.shown),
            SUM(b.tourism), SUM(b.tourism_counted), SUM(b.potential), SUM(b.forwarded), SUM(b.ending),
            SUM(b.renewed),
            SUM(CASE WHEN b.valid > 0 THEN 1 ELSE 0 END),
            SUM(CASE WHEN b.valid > 0 AND pr.representative_gender = %s THEN 1 ELSE 0 END),
            SUM(CASE WHEN b.valid > 0 AND pr.representative_gender = %s THEN 1 ELSE 0 END),
            SUM(CASE WHEN b.valid > 0 AND pr.representative_ethnicity IS NOT NULL
                AND pr.representative_ethnicity NOT IN (%s, %s) THEN 1 ELSE 0 END),
            SUM(CASE WHEN b.valid > 0 AND pr.representative_ethnicity = %s THEN 1 ELSE 0 END),
            SUM(CASE WHEN b.valid > 0 AND pr.legal_form IN ({_marks(forms)}) THEN 1 ELSE 0 END),
            SUM(CASE WHEN b.valid > 0 AND l.producer_id IS NOT NULL THEN 1 ELSE 0 END),
            SUM(CASE WHEN b.valid > 0 AND m.producer_id IS NOT NULL THEN 1 ELSE 0 END),
            SUM(CASE WHEN b.valid > 0 THEN COALESCE(wf.trained_workers, 0) ELSE 0 END),
            SUM(CASE WHEN b.valid > 0 THEN COALESCE(wf.workers, 0) ELSE 0 END), SUM(b.five), 0, 0
        FROM by_producer b JOIN {_table(Producer)} pr ON pr.id = b.producer_id
        {_ADDRESS.format(table=_table(ProducerAddress), p="b.producer_id", d="b.day")}
        LEFT JOIN linked l ON l.day = b.day AND l.producer_id = b.producer_id
        LEFT JOIN modern m ON m.day = b.day AND m.producer_id = b.producer_id
        LEFT JOIN staffed wf ON wf.day = b.day AND wf.producer_id = b.producer_id
        GROUP BY b.day, {_COMMUNE}
        UNION ALL  -- the supermarkets open at D, by their own commune
        SELECT d.day, sp.unit_id, {", ".join(["0"] * (len(_COLUMNS) - 2))},
            COUNT(*), SUM(CASE WHEN s.sales_point_id IS NOT NULL THEN 1 ELSE 0 END)
        FROM days d JOIN {_table(SalesPoint)} sp ON sp.kind IN ({_marks(supermarkets)})
            AND sp.unit_id IS NOT NULL AND sp.opened_on <= d.day AND (sp.closed_on IS NULL OR sp.closed_on >= d.day)
        LEFT JOIN selling s ON s.day = d.day AND s.sales_point_id = sp.id
        GROUP BY d.day, sp.unit_id"""
        params = [
            *params, start, "central", start, *forwards_params, start, start, start, grace(RENEWAL_GRACE.days),
            start, COMMUNITY_TOURISM_SET, COMMUNITY_TOURISM_SET, True, *modern, *supermarkets, Gender.FEMALE,
            Gender.NOT_STATED, Ethnicity.KINH, Ethnicity.NOT_STATED, Ethnicity.NOT_STATED, *forms, *supermarkets,
        ]  # fmt: skip
        targets = {day: [getattr(t[code], part) for code, part in _COLUMNS] for day, t in out.items()}
        for day, commune, *sums in self._rows(sql, params):
            path = self._path(commune)
            if path is None:
                continue
            for sums_of_place, value in zip(targets[self._day(day)], sums, strict=True):
                if value:
                    sums_of_place[path] += value

    def _places_at_d(self, out: dict[str, Totals], day: datetime.date) -> None:
        """Indicators 11 and 15, which count places (a few thousand at most), in Python as `compute` does."""
        with_ocop: set[str | None] = {path for path, valid in out["cumulative_products"].extra.items() if valid}
        for code, fill in (("district_showroom_coverage", lambda m: showrooms(self.places, m, day)),
                           ("ntm_commune_coverage", lambda m: new_rural(self.places, m, with_ocop, day))):  # fmt: skip
            measure = Measure(SUBJECTS[code])
            fill(measure)
            out[code].num, out[code].den = measure.num, measure.den


def _empty() -> dict[str, Totals]:
    """The 15 indicators' Totals; denominators counting the same records share one dict (added up once)."""
    out = {code: Totals() for code in [*SUBJECTS, FIVE_STAR]}
    out["cumulative_products"].den = out["new_products"].den  # products with any recognition
    out["event_participation_share"].den = out["cumulative_products"].extra  # the OCOP products at D
    for code in ("ethnic_minority_led_share", "coop_enterprise_share", "value_chain_share", "modern_channel_share"):
        out[code].den = out["women_led_share"].den  # the OCOP producers at D
    return out
