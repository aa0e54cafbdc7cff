"""How cost grows with the data (issue 13 §7): the national data set at several scales, one throw-away
PostgreSQL database each, and for each the figures of docs/benchmarks.md's growth table.

    .venv/bin/python bench/growth.py --scales 1 2          # 1× = Scale(): 40,000 products, 60,000 certificates

Per scale: the generation, the catalogue rebuild, the database's size (and its largest tables), the national
dashboard (the 15 indicators for the whole country, as bench/indicators_bench.py times it), search and product
pages in-process (Django's test client: view, middleware, template; portal_bench.SEARCHES), and the product
import's rate on top of that data (5,000 rows, dry run then import, as an office's upload runs in a worker).
Each scale's JSON goes to $TMPDIR/ocop-bench-growth-<scale>.json; a Markdown row per scale is printed.
"""

import argparse
import datetime
import functools
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import import_bench  # noqa: E402
import indicators_bench  # noqa: E402
import national_data  # noqa: E402
import portal_bench  # noqa: E402
from throwaway import analyze, run_in_throwaway  # noqa: E402

DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"
IMPORT_ROWS = 5_000


def say(message: str) -> None:
    print(f"[growth {datetime.datetime.now(datetime.UTC):%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def sizes() -> dict[str, Any]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        total = cursor.fetchone()[0]
        cursor.execute(
            "SELECT relname, pg_total_relation_size(c.oid) FROM pg_class c"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 2 DESC LIMIT 8"
        )
        tables = {name: size for name, size in cursor.fetchall()}
    return {"database_mb": round(total / 2**20, 1), "largest_mb": {k: round(v / 2**20, 1) for k, v in tables.items()}}


def dashboard_seconds() -> float:
    from ocop.programme.indicators.engine import PlanIndicators

    units = indicators_bench.read_units("75")
    national = indicators_bench.StandInPlan(units.root)
    runs = []
    for _ in range(2):
        start = time.perf_counter()
        engine = PlanIndicators(national)
        indicators_bench.dashboard(engine, units.root, indicators_bench.DAY)
        runs.append(time.perf_counter() - start)
    return min(runs)


def import_rate(rows: int) -> dict[str, float]:
    """Rows per second of a product import (dry run, then for real) by a superuser, on top of the data set."""
    from django.contrib.auth import get_user_model

    from ocop.exchange.engine import run_import
    from ocop.registry.models import Producer

    user = get_user_model().objects.create_superuser("growth", "growth@example.org", None)
    taxes = list(Producer.objects.exclude(tax_code="").order_by("pk").values_list("tax_code", flat=True)[:2000])
    made = [
        import_bench.Row(
            tax_code=taxes[i % len(taxes)], name=f"Sản phẩm đo tăng trưởng số {i}", product_set=1 + i % 25,
            description="", story="", packaging="", standards="", traceability_code="", price=10_000, price_unit="hộp",
        )
        for i in range(rows)
    ]  # fmt: skip
    data = import_bench.csv_file(made)
    out = {}
    for label, dry in (("dry_run", True), ("import", False)):
        start = time.perf_counter()
        report = run_import("products", "growth.csv", data, user, dry_run=dry)
        seconds = time.perf_counter() - start
        if getattr(report, "problems", None):
            raise RuntimeError(f"import refused: {report.problems[:3]}")
        out[f"{label}_rows_per_s"] = round(rows / seconds)
    return out


def measure(scale: float, url: str, workdir: Path) -> dict[str, Any]:
    env = portal_bench.server_environment(url, workdir)
    portal_bench.setup_django(env)
    result: dict[str, Any] = {"scale": scale, "date": datetime.date.today().isoformat()}
    start = time.perf_counter()
    summary = national_data.generate(national_data.Scale().scaled(scale), names="realistic")
    result["generate_s"] = round(time.perf_counter() - start, 1)
    result["data"] = summary.counts
    analyze()
    from ocop.portal import catalogue

    start = time.perf_counter()
    result["catalogue_entries"] = catalogue.rebuild(datetime.date.today())
    result["rebuild_s"] = round(time.perf_counter() - start, 1)
    analyze()
    result.update(sizes())
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)  # production storage: pages need the manifest
    say(f"scale {scale:g}: {result['database_mb']} MB; dashboard…")
    result["dashboard_s"] = round(dashboard_seconds(), 2)
    say(f"scale {scale:g}: dashboard {result['dashboard_s']} s; search and product pages…")
    searches = portal_bench.search_paths()
    products = portal_bench.product_paths(portal_bench.PRODUCT_SAMPLE)
    inproc = portal_bench.in_process(searches, products, 1)
    search, product = inproc["search"].summary(), inproc["product"].summary()
    result["search_p50_ms"], result["search_p95_ms"] = search["p50_ms"], search["p95_ms"]
    result["product_p50_ms"] = product["p50_ms"]
    result["product_pages_per_core_s"] = round(1000 / product["mean_ms"], 1)
    say(f"scale {scale:g}: search p95 {search['p95_ms']} ms; import…")
    result.update(import_rate(IMPORT_ROWS))
    return result


def certificates(counts: dict[str, int]) -> int:
    return next((n for name, n in counts.items() if name.startswith("certificates")), 0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=float, nargs="+", default=[1.0, 2.0])
    parser.add_argument("--postgres", default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES))
    args = parser.parse_args(argv)
    rows = []
    for scale in args.scales:
        say(f"scale {scale:g}…")
        target = Path(tempfile.gettempdir()) / f"ocop-bench-growth-{scale:g}.json"
        code = os.fork()
        if code == 0:  # each scale in its own process: Django is set up once per process
            try:
                run_in_throwaway(
                    "postgres", args.postgres, "cluster_growth", functools.partial(_write, scale, target=target)
                )
            finally:
                os._exit(0)
        os.waitpid(code, 0)
        if target.exists():
            rows.append(json.loads(target.read_text()))
    print("\n| scale | products | certificates | database | dashboard (whole country) | search p50 / p95 |"
          " product page | import (dry run / import) | generate | catalogue rebuild |")  # fmt: skip
    print("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for r in rows:
        print(
            f"| {r['scale']:g}× | {r['data'].get('products', 0):,} | {certificates(r['data']):,} | "
            f"{r['database_mb']:,.0f} MB | {r['dashboard_s']:.2f} s | {r['search_p50_ms']:.0f} / "
            f"{r['search_p95_ms']:.0f} ms | {r['product_p50_ms']:.1f} ms "
            f"({r['product_pages_per_core_s']:.0f}/s per core) | {r['dry_run_rows_per_s']:,} / "
            f"{r['import_rows_per_s']:,} rows/s | {r['generate_s']:.0f} s | "
            f"{r['rebuild_s']:.0f} s |"
        )
    return 0


def _write(scale: float, url: str, work: Path, *, target: Path) -> int:
    target.write_text(json.dumps(measure(scale, url, work), indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
