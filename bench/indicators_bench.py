"""Benchmark of the plan indicators at national scale (`make bench-indicators`): not a test, a measurement.

Generates a national data set (bench/national_data.py: 34 provinces, 3,321 communes, 20,000 producers, 40,000
products, 60,000 certificates over 2019–2026, events, listings…), then measures in one run, on the engine of
`ocop.programme.indicators`:

1. the whole country: the 15 indicators at D by the fast path (`indicators/sql.py`: sums per commune worked
   out by the database; what the national dashboard does: the numbers, without the records behind them);
2. every province (34 × 15) and 3. every commune of one province, from those same sums;
4. one province's own plan, and the whole country with its yearly trend (6 dates);
5. the full computation at D, with the ids behind every number (what a drill-down page adds: the plan's
   dataset read, then computed in memory);

and, alongside, the baseline: hand-written SQL computing the same numbers for 11 of the 15 indicators (and
the products valid at D) per commune, summed to provinces and the country. The script checks that the SQL and
the engine agree, number by number (the fast path's numbers and the full computation's), that the fast path
equals the full computation for every indicator and place, and reports the engine's time as a ratio to the
SQL's. Machines are shared and noisy: each measurement is repeated (interleaved) and the median reported.

    python bench/indicators_bench.py --db postgres|sqlite [--repeat 3] [--scale 1.0] [--profile 30]

It runs against a throw-away database it creates and drops itself (a fresh PostgreSQL database
`ocop_bench_ind_<pid>`, or a temporary SQLite file), never against var/ or DATABASE_URL.
"""

import argparse
import cProfile
import datetime
import gc
import io
import os
import platform
import pstats
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # national_data.py beside this file

import national_data
from throwaway import analyze, database_version, run_in_throwaway, setup_django

DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"  # the maintenance db to create ours from
GOAL_SECONDS = 1.0  # the whole-country dashboard on PostgreSQL
GOAL_RATIO = 2.0  # at most this many times the hand-written SQL
GOAL_TREND_SECONDS = 2.0  # the whole country with its yearly trend (6 dates), on PostgreSQL
PLAN_START, PLAN_END = datetime.date(2021, 1, 1), datetime.date(2025, 12, 31)  # the national programme 2021–2025
DAY = datetime.date(2025, 12, 31)


# ---------------------------------------------------------------- the whole country as a plan


class _NoTargets:
    """A national dashboard has no plan record, hence no targets: `plan.targets.all()` is empty."""

    def all(self) -> list[Any]:
        return []


@dataclass
class Root:
    """The country as a unit: everything on the two-level map lies under "2025/"."""

    path: str = "2025/"
    map: str = "2025"
    pk: None = None
    id: None = None
    code: str = ""
    name: str = "Việt Nam"


@dataclass
class StandInPlan:
    """What PlanIndicators reads of a plan, without a Plan row (there is no national plan record)."""

    province: Any
    map: str = "2025"
    starts_on: datetime.date = PLAN_START
    ends_on: datetime.date = PLAN_END
    targets: _NoTargets = field(default_factory=_NoTargets)

    @property
    def province_id(self) -> int | None:
        return self.province.pk


# ---------------------------------------------------------------- the baseline: hand-written SQL

# Per commune of the two-level map (leaf), for the day D: one statement, every commune of the country. Its
# rules are the engine's (docs/programme.md, DOMAIN.md §5), written independently:
# - a record on a commune of the old map is placed on its successor with the smallest code;
# - a producer is placed by its address valid at D (the latest starting), else its current commune;
# - a product is an OCOP product at D if its latest certificate issued by D (ties: the latest id) is not
#   revoked by D and is valid at D or kept valid (extended_until);
# - counts (1, 2, 12) look at first recognitions (the earliest decision date), shares at OCOP producers at D.
# - a representative whose ethnicity is not stated ('00') is not counted as minority-led (nor Kinh: '01').
# `AS MATERIALIZED` (PostgreSQL 12+, SQLite 3.35+) computes each shared step once on both databases.
BASELINE_SQL = """
WITH
to_leaf AS MATERIALIZED (
    SELECT id AS unit_id, id AS leaf_id FROM {unit} WHERE map = %(map)s AND level = 'commune'
    UNION ALL
    SELECT unit_id, leaf_id FROM (
        SELECT s.predecessor_id AS unit_id, s.successor_id AS leaf_id,
               ROW_NUMBER() OVER (PARTITION BY s.predecessor_id ORDER BY n.code) AS rn
        FROM {succession} s JOIN {unit} n ON n.id = s.successor_id
        WHERE n.map = %(map)s AND n.level = 'commune'
    ) successors WHERE rn = 1
),
placed AS MATERIALIZED (
    -- each producer by its address valid at D (the latest starting, should several overlap), else by its
    -- current commune; written as joins on indexed columns, as a join on COALESCE(…) = to_leaf.unit_id would
    -- make SQLite compare every producer with every unit
    SELECT a.producer_id, l.leaf_id FROM to_leaf l JOIN {address} a ON a.commune_id = l.unit_id
    WHERE a.valid_from <= %(day)s AND (a.valid_to IS NULL OR a.valid_to >= %(day)s)
      AND NOT EXISTS (
          SELECT 1 FROM {address} b WHERE b.producer_id = a.producer_id AND b.valid_from > a.valid_from
            AND b.valid_from <= %(day)s AND (b.valid_to IS NULL OR b.valid_to >= %(day)s))
    UNION ALL
    SELECT p.id, l.leaf_id FROM to_leaf l JOIN {producer} p ON p.commune_id = l.unit_id
    WHERE NOT EXISTS (
        SELECT 1 FROM {address} a WHERE a.producer_id = p.id
          AND a.valid_from <= %(day)s AND (a.valid_to IS NULL OR a.valid_to >= %(day)s))
),
latest AS (
    SELECT product_id, revoked_on, valid_until, extended_until,
           ROW_NUMBER() OVER (PARTITION BY product_id ORDER BY issued_on DESC, id DESC) AS rn
    FROM {certificate} WHERE issued_on <= %(day)s
),
ocop AS MATERIALIZED (
    SELECT l.product_id, pr.producer_id FROM latest l JOIN {product} pr ON pr.id = l.product_id
    WHERE l.rn = 1 AND (l.revoked_on IS NULL OR l.revoked_on > %(day)s)
      AND (l.valid_until >= %(day)s OR l.extended_until >= %(day)s)
),
recognised AS (
    SELECT product_id, MIN(decision_date) AS first_on FROM {certificate} GROUP BY product_id
),
products AS (
    SELECT pl.leaf_id,
           COUNT(*) AS recognised,
           SUM(CASE WHEN r.first_on >= %(start)s AND r.first_on <= %(day)s THEN 1 ELSE 0 END) AS new_products,
           SUM(CASE WHEN r.first_on <= %(day)s THEN 1 ELSE 0 END) AS cumulative_products,
           COUNT(o.product_id) AS valid_products,
           SUM(CASE WHEN pr.product_set_id = %(tourism)s THEN 1 ELSE 0 END) AS tourism_recognised,
           SUM(CASE WHEN pr.product_set_id = %(tourism)s AND r.first_on <= %(day)s THEN 1 ELSE 0 END)
               AS tourism_products
    FROM recognised r
    JOIN {product} pr ON pr.id = r.product_id
    JOIN placed pl ON pl.producer_id = pr.producer_id
    LEFT JOIN ocop o ON o.product_id = r.product_id
    GROUP BY pl.leaf_id
),
linked AS (
    SELECT DISTINCT producer_id FROM {linkage}
    WHERE stable AND started_on <= %(day)s AND (ended_on IS NULL OR ended_on >= %(day)s)
),
active_listings AS MATERIALIZED (
    SELECT li.product_id, li.sales_point_id, sp.kind
    FROM {listing} li JOIN {sales_point} sp ON sp.id = li.sales_point_id
    WHERE li.since <= %(day)s AND (li.until IS NULL OR li.until >= %(day)s)
      AND sp.opened_on <= %(day)s AND (sp.closed_on IS NULL OR sp.closed_on >= %(day)s)
),
modern AS (
    SELECT DISTINCT pr.producer_id FROM active_listings al JOIN {product} pr ON pr.id = al.product_id
    WHERE al.kind IN ({modern_kinds})
),
latest_workforce AS (
    SELECT producer_id, workers, trained_workers,
           ROW_NUMBER() OVER (PARTITION BY producer_id ORDER BY year DESC) AS rn
    FROM {workforce} WHERE year <= %(year)s
),
producers AS (
    SELECT pl.leaf_id,
           COUNT(*) AS ocop_producers,
           SUM(CASE WHEN p.representative_gender = 'female' THEN 1 ELSE 0 END) AS women_led,
           SUM(CASE WHEN p.representative_ethnicity NOT IN ('01', '00') THEN 1 ELSE 0 END) AS minority_led,
           SUM(CASE WHEN p.legal_form IN ({coop_forms}) THEN 1 ELSE 0 END) AS coop_enterprise,
           COUNT(k.producer_id) AS value_chain,
           COUNT(m.producer_id) AS modern_channel,
           SUM(w.trained_workers) AS trained_workers,
           SUM(w.workers) AS workers
    FROM (SELECT DISTINCT producer_id FROM ocop) op
    JOIN {producer} p ON p.id = op.producer_id
    JOIN placed pl ON pl.producer_id = p.id
    LEFT JOIN linked k ON k.producer_id = p.id
    LEFT JOIN modern m ON m.producer_id = p.id
    LEFT JOIN latest_workforce w ON w.producer_id = p.id AND w.rn = 1
    GROUP BY pl.leaf_id
),
selling AS (
    SELECT DISTINCT al.sales_point_id FROM active_listings al JOIN ocop o ON o.product_id = al.product_id
),
supermarkets AS (
    SELECT l.leaf_id, COUNT(*) AS supermarkets, COUNT(se.sales_point_id) AS selling_supermarkets
    FROM {sales_point} sp
    JOIN to_leaf l ON l.unit_id = sp.unit_id
    LEFT JOIN selling se ON se.sales_point_id = sp.id
    WHERE sp.kind IN ({supermarket_kinds})
      AND sp.opened_on <= %(day)s AND (sp.closed_on IS NULL OR sp.closed_on >= %(day)s)
    GROUP BY l.leaf_id
),
statuses AS (
    SELECT l.leaf_id, cs.level,
           ROW_NUMBER() OVER (PARTITION BY l.leaf_id ORDER BY cs.decision_date DESC, cs.level DESC) AS rn
    FROM {commune_status} cs JOIN to_leaf l ON l.unit_id = cs.unit_id
    WHERE cs.decision_date <= %(day)s
)
SELECT u.parent_id AS province_id, u.id AS leaf_id,
       pc.recognised, pc.new_products, pc.cumulative_products, pc.valid_products, pc.tourism_recognised,
       pc.tourism_products, pd.ocop_producers, pd.women_led, pd.minority_led, pd.coop_enterprise, pd.value_chain,
       pd.modern_channel, pd.trained_workers, pd.workers, sm.supermarkets, sm.selling_supermarkets,
       CASE WHEN st.leaf_id IS NULL THEN 0 ELSE 1 END AS ntm_communes,
       CASE WHEN st.leaf_id IS NOT NULL AND pc.valid_products > 0 THEN 1 ELSE 0 END AS ntm_with_ocop
FROM {unit} u
LEFT JOIN products pc ON pc.leaf_id = u.id
LEFT JOIN producers pd ON pd.leaf_id = u.id
LEFT JOIN supermarkets sm ON sm.leaf_id = u.id
LEFT JOIN statuses st ON st.leaf_id = u.id AND st.rn = 1 AND st.level IN ('advanced', 'model')
WHERE u.map = %(map)s AND u.level = 'commune'
"""

# Each SQL column against the engine's numbers: (column, indicator code, which sum of its Measure).
COLUMNS = [
    ("recognised", "new_products", "den"),
    ("recognised", "cumulative_products", "den"),
    ("new_products", "new_products", "num"),  # 1
    ("cumulative_products", "cumulative_products", "num"),  # 2
    ("valid_products", "cumulative_products", "extra"),  # OCOP products at D
    ("workers", "trained_workforce_share", "den"),  # 5
    ("trained_workers", "trained_workforce_share", "num"),
    ("ocop_producers", "women_led_share", "den"),  # 6
    ("women_led", "women_led_share", "num"),
    ("ocop_producers", "ethnic_minority_led_share", "den"),  # 7
    ("minority_led", "ethnic_minority_led_share", "num"),
    ("ocop_producers", "coop_enterprise_share", "den"),  # 8
    ("coop_enterprise", "coop_enterprise_share", "num"),
    ("ocop_producers", "value_chain_share", "den"),  # 9
    ("value_chain", "value_chain_share", "num"),
    ("tourism_recognised", "tourism_products", "den"),  # 12
    ("tourism_products", "tourism_products", "num"),
    ("supermarkets", "supermarket_coverage", "den"),  # 13
    ("selling_supermarkets", "supermarket_coverage", "num"),
    ("ocop_producers", "modern_channel_share", "den"),  # 14
    ("modern_channel", "modern_channel_share", "num"),
    ("ntm_communes", "ntm_commune_coverage", "den"),  # 15
    ("ntm_with_ocop", "ntm_commune_coverage", "num"),
]
SQL_COVERS = sorted({1, 2, 5, 6, 7, 8, 9, 12, 13, 14, 15})

Numbers = dict[str, float]  # SQL column → value, for one unit


@dataclass
class Baseline:
    """The hand-written SQL's numbers for every commune, every province and the country."""

    communes: dict[int, Numbers]
    provinces: dict[int, Numbers]
    country: Numbers


def baseline_sql() -> str:
    from django.db import connection

    from ocop.certificates.models import Certificate
    from ocop.market.choices import MODERN_KINDS, SUPERMARKET_KINDS
    from ocop.market.models import CommuneStatus, Listing, SalesPoint
    from ocop.places.models import Succession, Unit
    from ocop.registry.choices import COOPERATIVES_AND_ENTERPRISES
    from ocop.registry.models import Linkage, Producer, ProducerAddress, Product, Workforce

    def table(model: Any) -> str:
        return connection.ops.quote_name(model._meta.db_table)

    def strings(values: Any) -> str:  # fixed choice values, not user input: inlined like the table names
        return ", ".join(f"'{v}'" for v in sorted(values))

    return BASELINE_SQL.format(
        unit=table(Unit), succession=table(Succession), producer=table(Producer), address=table(ProducerAddress),
        product=table(Product), certificate=table(Certificate), linkage=table(Linkage), listing=table(Listing),
        sales_point=table(SalesPoint), workforce=table(Workforce), commune_status=table(CommuneStatus),
        coop_forms=strings(COOPERATIVES_AND_ENTERPRISES), modern_kinds=strings(MODERN_KINDS),
        supermarket_kinds=strings(SUPERMARKET_KINDS),
    )  # fmt: skip


def run_baseline(sql: str, day: datetime.date) -> Baseline:
    from django.db import connection

    params = {"map": "2025", "day": day, "start": PLAN_START, "year": day.year, "tourism": 26}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [c[0] for c in cursor.description]
        rows = cursor.fetchall()
    communes: dict[int, Numbers] = {}
    provinces: dict[int, Numbers] = defaultdict(lambda: defaultdict(float))
    country: Numbers = defaultdict(float)
    for row in rows:  # a commune is in one province: sums of communes are the province's numbers
        numbers = {name: float(value or 0) for name, value in zip(names[2:], row[2:], strict=True)}
        communes[row[1]] = numbers
        for name, value in numbers.items():
            provinces[row[0]][name] += value
            country[name] += value
    return Baseline(communes, dict(provinces), country)


# ---------------------------------------------------------------- the engine


def engine_numbers(engine: Any, path: str, day: datetime.date, *, fast: bool = True) -> Numbers:
    """The engine's sums for a unit, under the SQL's column names (for the comparison only, not timed): those of
    the fast path (what dashboards show) or of the full computation (what drill-down pages list)."""
    sums = engine.fast_totals(day) if fast else engine.measures(day)
    out: Numbers = {}
    for column, code, part in COLUMNS:
        values = getattr(sums[code], part)
        out[f"{column}@{code}"] = float(sum(v for p, v in values.items() if p.startswith(path)))
    return out


def fast_versus_full(engine: Any, day: datetime.date) -> list[str]:
    """The fast path against the full computation: all 15 indicators, every place, every sum (not timed)."""
    from ocop.programme.indicators.sql import from_measures

    fast, full = engine.fast_totals(day), from_measures(engine.measures(day))
    problems = []
    for code in full:  # the 15 (the fast path also sums the 5★ products beside them: tests compare those)
        for part in ("num", "den", "extra"):
            got = {p: v for p, v in getattr(fast[code], part).items() if v}
            expected = {p: v for p, v in getattr(full[code], part).items() if v}
            if got != expected:
                differ = sorted(p for p in got.keys() | expected.keys() if got.get(p) != expected.get(p))
                problems.append(f"fast ≠ full: {code}.{part} at {len(differ)} places, e.g. {differ[:3]}")
    return problems


def compare(label: str, engine: Numbers, sql: Numbers) -> list[str]:
    problems = []
    for key, value in engine.items():
        column = key.split("@")[0]
        if abs(value - sql.get(column, 0.0)) > 1e-9:
            problems.append(f"{label}: {key} engine {value:g} ≠ SQL {sql.get(column, 0.0):g}")
    return problems


def dashboard(engine: Any, unit: Any, day: datetime.date, *, trend: bool = False) -> list[Any]:
    """What a dashboard asks for one unit: the 15 results (value, target, status), optionally with the trend."""
    results = engine.results(unit, day, trend=trend)
    assert len(results) == 15
    return results


# ---------------------------------------------------------------- timing


@dataclass
class Timing:
    label: str
    runs: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.runs)


def timed(timing: Timing, action: Callable[[], Any]) -> Any:
    """Run once, recording seconds and the number of queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    gc.collect()  # do not charge this run for the previous one's garbage
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        result = action()
        seconds = time.perf_counter() - start
    timing.runs.append(seconds)
    timing.queries.append(len(queries.captured_queries))
    return result


@dataclass
class Units:
    root: Root
    provinces: list[Any]
    province: Any  # the one whose communes are measured
    communes: list[Any]


def read_units(code: str) -> Units:
    from ocop.places.choices import Level
    from ocop.places.models import Unit

    provinces = list(Unit.objects.filter(map="2025", level=Level.PROVINCE).order_by("code"))
    province = next(p for p in provinces if p.code == code)
    communes = list(Unit.objects.filter(parent=province, level=Level.COMMUNE).order_by("code"))
    return Units(Root(), provinces, province, communes)


def measure(units: Units, day: datetime.date, repeat: int) -> tuple[dict[str, Timing], dict[str, Any]]:
    """All measurements, interleaved in every repetition so that a slow minute hits all of them."""
    from ocop.programme.indicators.engine import PlanIndicators

    national = StandInPlan(units.root)
    local = StandInPlan(units.province)
    sql = baseline_sql()
    t = {
        name: Timing(name)
        for name in (
            "sql", "national", "load", "compute", "values", "provinces", "communes", "province_plan", "trend",
            "full",
        )
    }  # fmt: skip
    kept: dict[str, Any] = {}
    for rep in range(1, repeat + 1):
        kept["baseline"] = timed(t["sql"], lambda: run_baseline(sql, day))

        # The whole country, phase by phase; its total is their sum (one timer around all three would also
        # count the garbage collections run before each phase).
        engine = timed(t["load"], lambda: PlanIndicators(national))
        timed(t["compute"], lambda: engine.fast_totals(day))  # noqa: B023
        timed(t["values"], lambda: dashboard(engine, units.root, day))  # noqa: B023
        t["national"].runs.append(sum(t[p].runs[-1] for p in ("load", "compute", "values")))
        t["national"].queries.append(sum(t[p].queries[-1] for p in ("load", "compute", "values")))
        timed(t["provinces"], lambda: [dashboard(engine, p, day) for p in units.provinces])  # noqa: B023
        timed(t["communes"], lambda: [dashboard(engine, c, day) for c in units.communes])  # noqa: B023
        timed(t["full"], lambda: engine.measures(day))  # noqa: B023  # what a drill-down page adds
        kept["national"] = engine

        def province_plan() -> Any:
            own = PlanIndicators(local)
            for unit in [units.province, *units.communes]:
                dashboard(own, unit, day)
            return own

        kept["province"] = timed(t["province_plan"], province_plan)
        timed(t["trend"], lambda: dashboard(PlanIndicators(national), units.root, day, trend=True))
        print(
            f"  run {rep}/{repeat}: SQL {t['sql'].runs[-1]:.2f}s, whole country {t['national'].runs[-1]:.2f}s "
            f"(load {t['load'].runs[-1]:.2f}, compute {t['compute'].runs[-1]:.2f}, values "
            f"{t['values'].runs[-1]:.3f}), provinces {t['provinces'].runs[-1]:.2f}s, communes "
            f"{t['communes'].runs[-1]:.2f}s, province plan {t['province_plan'].runs[-1]:.2f}s, "
            f"trend {t['trend'].runs[-1]:.2f}s, full computation with ids {t['full'].runs[-1]:.2f}s",
            file=sys.stderr,
            flush=True,
        )
    return t, kept


def verify(units: Units, kept: dict[str, Any], day: datetime.date) -> list[str]:
    """The engine's numbers against the SQL's: the country, every province, every commune of the province
    (from the national dataset and from the province's own)."""
    base: Baseline = kept["baseline"]
    national, own = kept["national"], kept["province"]
    problems = fast_versus_full(national, day) + fast_versus_full(own, day)
    problems += compare("country", engine_numbers(national, units.root.path, day), base.country)
    problems += compare("country (full)", engine_numbers(national, units.root.path, day, fast=False), base.country)
    for province in units.provinces:
        got = engine_numbers(national, province.path, day)
        problems += compare(f"province {province.code}", got, base.provinces.get(province.pk, {}))
    problems += compare(
        f"province {units.province.code} (own plan)",
        engine_numbers(own, units.province.path, day),
        base.provinces.get(units.province.pk, {}),
    )
    for commune in units.communes:
        expected = base.communes.get(commune.pk, {})
        problems += compare(f"commune {commune.code}", engine_numbers(national, commune.path, day), expected)
        problems += compare(f"commune {commune.code} (own plan)", engine_numbers(own, commune.path, day), expected)
    return problems


def profile(units: Units, day: datetime.date, top: int) -> str:
    """One whole-country run under cProfile: where the engine's time goes."""
    from ocop.programme.indicators.engine import PlanIndicators

    profiler = cProfile.Profile()
    profiler.enable()
    engine = PlanIndicators(StandInPlan(units.root))
    dashboard(engine, units.root, day)
    profiler.disable()
    out = io.StringIO()
    for order in ("tottime", "cumulative"):
        out.write(f"\n#### cProfile, whole country (load + 15 indicators), by {order}\n\n```\n")
        stats = pstats.Stats(profiler, stream=out)
        stats.strip_dirs().sort_stats(order).print_stats(top)
        out.write("```\n")
    return out.getvalue()


def query_breakdown(units: Units, day: datetime.date) -> list[tuple[float, str]]:
    """Each query of the whole-country load with its time, slowest first (the SQL shortened)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ocop.programme.indicators.engine import PlanIndicators

    with CaptureQueriesContext(connection) as queries:
        PlanIndicators(StandInPlan(units.root)).measures(day)
    rows = [(float(q["time"]), " ".join(q["sql"].split())) for q in queries.captured_queries]
    return sorted(rows, reverse=True)


# ---------------------------------------------------------------- the throw-away database


# ---------------------------------------------------------------- the report


def goal(met: bool, detail: str) -> str:
    return f"{'met' if met else 'MISSED'} ({detail})"


def report(title: str, t: dict[str, Timing], units: Units, problems: list[str], postgres: bool) -> None:
    sql = t["sql"].median
    n_prov, n_comm = len(units.provinces), len(units.communes)
    rows = [
        ("hand-written SQL (baseline): " + f"{len(SQL_COVERS)} indicators + valid at D, every commune → provinces → "
         "country", t["sql"]),
        ("engine, whole country: 15 indicators at D", t["national"]),
        ("  of which setting up (the plan's targets)", t["load"]),
        ("  of which the sums from the database (fast path: map, places, one statement)", t["compute"]),
        ("  of which the country's 15 results", t["values"]),
        (f"engine, every province ({n_prov} × 15) from the same sums", t["provinces"]),
        (f"engine, every commune of {units.province.code} ({n_comm} × 15) from the same sums", t["communes"]),
        (f"engine, province {units.province.code}'s own plan: province + {n_comm} communes", t["province_plan"]),
        ("engine, whole country with the yearly trend (6 dates)", t["trend"]),
        ("engine, whole country: the full computation with ids at D (a drill-down page: dataset read + computed)",
         t["full"]),
    ]  # fmt: skip
    print(f"\n### {title}, D = {DAY:%d/%m/%Y}, median of {len(t['sql'].runs)}\n")
    print("| measurement | median s | × SQL | queries | runs (s) |")
    print("|---|--:|--:|--:|---|")
    for label, timing in rows:
        queries = "/".join(str(q) for q in sorted(set(timing.queries)))
        runs = ", ".join(f"{r:.3f}" for r in timing.runs)
        print(f"| {label} | {timing.median:.3f} | {timing.median / sql:.2f} | {queries} | {runs} |")
    whole = t["national"].median + t["provinces"].median + t["communes"].median
    print(
        f"| engine, whole country + every province + every commune of {units.province.code} | {whole:.3f} | "
        f"{whole / sql:.2f} | {max(t['national'].queries)} | |"
    )
    fixed = (
        set(t["national"].queries) == set(t["province_plan"].queries)
        and max(t["provinces"].queries + t["communes"].queries) == 0
    )
    print()
    if postgres:
        print(f"- whole country < {GOAL_SECONDS:g} s: " + goal(t["national"].median < GOAL_SECONDS,
              f"{t['national'].median:.2f} s"))  # fmt: skip
        print(f"- whole country with the yearly trend < {GOAL_TREND_SECONDS:g} s: "
              + goal(t["trend"].median < GOAL_TREND_SECONDS, f"{t['trend'].median:.2f} s, "
                     f"{t['trend'].median / sql:.2f}× SQL"))  # fmt: skip
    else:
        print(f"- whole country: {t['national'].median:.2f} s (the {GOAL_SECONDS:g} s goal is for PostgreSQL)")
    ratio = t["national"].median / sql
    print(f"- within {GOAL_RATIO:g}× the hand-written SQL: " + goal(ratio <= GOAL_RATIO, f"{ratio:.2f}×; the SQL "
          f"covers {len(SQL_COVERS)} of the 15 indicators, the engine computes all 15 and keeps the ids behind "
          "each number"))  # fmt: skip
    print(
        "- fixed number of queries: "
        + goal(
            fixed,
            f"whole country {'/'.join(map(str, sorted(set(t['national'].queries))))}, one province "
            f"{'/'.join(map(str, sorted(set(t['province_plan'].queries))))}, {n_prov} provinces and {n_comm} "
            f"communes from the same sums {max(t['provinces'].queries + t['communes'].queries)}",
        )
    )
    checked = f"country, {n_prov} provinces, {n_comm} communes × 2 datasets, {len(COLUMNS)} numbers each"
    if problems:
        print(f"- **MISMATCH** engine vs SQL: {len(problems)} numbers differ ({checked}); first ones:")
        for problem in problems[:20]:
            print(f"  - {problem}")
    else:
        print(f"- engine = SQL on every number compared ({checked}); SQL covers indicators "
              f"{', '.join(map(str, SQL_COVERS))}")  # fmt: skip
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="postgres")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions; the median is reported")
    parser.add_argument("--scale", type=float, default=1.0, help="data size factor (0.1 for a quick look)")
    parser.add_argument("--province", default="75", help="the province whose communes are measured")
    parser.add_argument("--postgres-url", default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES))
    parser.add_argument("--profile", type=int, metavar="N", default=0, help="also print cProfile's top N lines")
    args = parser.parse_args(argv)

    return run_in_throwaway(args.db, args.postgres_url, "bench_ind", lambda url, workdir: run(args, url, workdir))


def run(args: argparse.Namespace, url: str, workdir: Path) -> int:
    started = time.perf_counter()
    setup_django(url, workdir)
    print(f"migrated in {time.perf_counter() - started:.0f}s; generating…", file=sys.stderr, flush=True)
    summary = national_data.generate(national_data.Scale().scaled(args.scale))
    analyze()
    units = read_units(args.province)
    title = f"{database_version()} · Python {platform.python_version()} · {os.cpu_count()} CPUs"
    print(f"{title}: data in {summary.seconds:.0f}s, measuring…", file=sys.stderr, flush=True)

    timings, kept = measure(units, DAY, args.repeat)
    problems = verify(units, kept, DAY)
    for problem in problems[:20]:
        print(f"MISMATCH {problem}", file=sys.stderr)
    print(f"\nData: {summary.line()}.")
    report(title, timings, units, problems, postgres=args.db == "postgres")
    if args.profile:
        print("#### The whole-country load's queries, slowest first\n")
        print("| s | query |\n|--:|---|")
        for seconds, query in query_breakdown(units, DAY):
            print(f"| {seconds:.3f} | `{query[:160]}{'…' if len(query) > 160 else ''}` |")
        print(profile(units, DAY, args.profile))
    print(f"(total {time.perf_counter() - started:.0f}s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
