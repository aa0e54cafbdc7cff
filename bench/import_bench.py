"""Benchmark of the product import (`make bench-import`): not a test, a measurement.

Generates an N-row product file (csv and/or xlsx) for ~2,000 existing producers, then times, in one process
and one run: the dry run, the import (written), and a plain `Product.objects.bulk_create` of the same rows.
Machines are shared and noisy, so what it reports is the median of a few repetitions and the ratio to the
baseline measured alongside, not absolute seconds alone.

    python bench/import_bench.py --db sqlite|postgres [--rows 40000] [--format csv|xlsx|both] [--repeat 3]

It runs against a throw-away database it creates itself (a temporary SQLite file, or a fresh PostgreSQL
database `ocop_bench_<pid>` that it drops at the end), never against var/ or DATABASE_URL.
"""

import argparse
import cProfile
import csv
import gc
import io
import os
import platform
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))  # throwaway.py beside this file

from throwaway import database_version, run_in_throwaway, setup_django

GOAL_ROWS_PER_SECOND = 5_000  # issue 4's absolute goal, reported for comparison
GOAL_RATIO = 2.0  # issue 13: the import may cost at most this many times the plain insert, change log included
GOAL_DRY_RATIO = 1.5  # issue 13: the dry run at most this many times
PRODUCERS = 2_000
BATCH = 1_000  # the same batch size the product kind uses
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"  # the maintenance db to create ours from

HEADERS = [
    "Mã số thuế chủ thể",
    "Tên sản phẩm",
    "Bộ sản phẩm",
    "Trạng thái",
    "Mô tả",
    "Câu chuyện sản phẩm",
    "Bao bì",
    "Tiêu chuẩn, công bố chất lượng",
    "Mã truy xuất",
    "Giá (đồng)",
    "Đơn vị tính",
]
KINDS = ["Mật ong hoa nhãn", "Trà shan tuyết", "Hạt điều rang muối", "Nước mắm cá cơm", "Gạo ST25", "Cà phê Robusta"]
PACKAGING = ["Hũ thủy tinh 500 ml", "Túi zip 250 g", "Hộp giấy kraft 1 kg", "Chai nhựa PET 1 lít"]
UNITS = ["hũ", "túi", "hộp", "chai"]


@dataclass(frozen=True)
class Row:
    """One product as the office would type it; the files and the baseline are all made from these."""

    tax_code: str
    name: str
    product_set: int
    description: str
    story: str
    packaging: str
    standards: str
    traceability_code: str
    price: int
    price_unit: str


@dataclass(frozen=True)
class Sample:
    wall: float  # what a person waits
    cpu: float  # what the work costs: this process + its PostgreSQL backend; barely moved by other people's load


@dataclass
class Timing:
    label: str
    fmt: str
    runs: list[Sample] = field(default_factory=list)

    @property
    def wall(self) -> float:
        return statistics.median(r.wall for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)


# ---------------------------------------------------------------- the data


def tax_code(index: int) -> str:
    return f"{3_800_000_000 + index}"  # 10 digits, what tax_code_validator expects


def make_rows(count: int) -> list[Row]:
    rows = []
    for i in range(count):
        kind = KINDS[i % len(KINDS)]
        rows.append(
            Row(
                tax_code=tax_code(i % PRODUCERS),
                name=f"{kind} loại {i // PRODUCERS + 1} số {i}",  # unique per producer and set: every row new
                product_set=1 + i % 25,  # not 26, community tourism: a service with rules of its own
                description=f"{kind} làm thủ công theo quy trình truyền thống.",
                story="Sản phẩm gắn với làng nghề lâu đời, tạo việc làm cho phụ nữ trong xã.",
                packaging=PACKAGING[i % len(PACKAGING)],
                standards="TCVN 12605:2019; công bố chất lượng số 12/2024/HTX",
                traceability_code=f"VN-OCOP-{i:07d}",
                price=10_000 + (i % 500) * 1_000,
                price_unit=UNITS[i % len(UNITS)],
            )
        )
    return rows


def cells(row: Row) -> list[Any]:
    return [
        row.tax_code,
        row.name,
        row.product_set,
        "Đang sản xuất",  # by its Vietnamese label, as offices write it
        row.description,
        row.story,
        row.packaging,
        row.standards,
        row.traceability_code,
        row.price,
        row.price_unit,
    ]


def csv_file(rows: list[Row]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for row in rows:
        values = cells(row)
        values[9] = f"{row.price:,}".replace(",", ".")  # 125.000: the Vietnamese thousands separator
        writer.writerow(values)
    return out.getvalue().encode("utf-8-sig")  # what Excel's "CSV UTF-8" saves


def xlsx_file(rows: list[Row]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)  # streams rows: building 40,000 rows in memory cells would dominate setup
    sheet = book.create_sheet("Sản phẩm")
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(cells(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- the throw-away database


def seed(rows: list[Row]) -> tuple[Any, dict[str, Any]]:
    """The importing superuser and the producers the rows point at (bulk: setup is not what we measure)."""
    from django.contrib.auth import get_user_model

    from ocop.core.text import fold_all
    from ocop.places.choices import Level
    from ocop.places.models import Unit
    from ocop.registry.choices import Ethnicity, Gender, LegalForm
    from ocop.registry.models import Producer

    user = get_user_model().objects.create_superuser("bench", "bench@example.org", None)
    communes = list(Unit.objects.filter(map="2025", level=Level.COMMUNE).order_by("code")[:200])
    producers = []
    for i in range(PRODUCERS):
        name = f"Hợp tác xã nông nghiệp số {i}"
        producers.append(
            Producer(
                name=name,
                legal_form=LegalForm.COOPERATIVE,
                tax_code=tax_code(i),
                representative_name="Nguyễn Thị Hoa",
                representative_gender=Gender.FEMALE,
                representative_ethnicity=Ethnicity.KINH,
                commune=communes[i % len(communes)],
                search_text=fold_all(name, tax_code(i)),
            )
        )
    Producer.objects.bulk_create(producers, batch_size=BATCH)
    by_tax = {p.tax_code: p for p in Producer.objects.select_related("commune")}
    check({r.tax_code for r in rows} <= set(by_tax), "every row must point at a producer")
    return user, by_tax


# ---------------------------------------------------------------- the measurements


def check(condition: bool, message: str) -> None:
    if not condition:  # not assert: python -O must not turn the checks off
        raise SystemExit(f"import_bench: {message}")


def clear() -> None:
    """Empty the tables the import writes, untimed, so every measurement starts from the same state."""
    from django.db import connection

    from ocop.core.models import ChangeLog
    from ocop.exchange.models import ImportRecord
    from ocop.registry.models import Product

    tables = [connection.ops.quote_name(m._meta.db_table) for m in (Product, ChangeLog, ImportRecord)]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # TRUNCATE leaves no dead tuples behind to slow the next run; CASCADE reaches only the empty
            # tables that reference products in this throw-away database.
            cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")
        else:
            for table in tables:
                # Raw SQL: a queryset delete would send post_delete per row, i.e. log 40,000 deletions.
                cursor.execute(f"DELETE FROM {table}")


SERVER_CPU = {"visible": False}  # whether the PostgreSQL backend runs here, where /proc shows its CPU time


def server_cpu() -> float:
    """CPU seconds used so far by this connection's PostgreSQL backend (0 for SQLite, which runs in-process)."""
    from django.db import connection

    if connection.vendor != "postgresql" or not SERVER_CPU["visible"]:
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def timed(action: Callable[[], Any]) -> tuple[Sample, Any]:
    gc.collect()  # do not charge this run for the previous one's garbage
    server, cpu, start = server_cpu(), time.process_time(), time.perf_counter()
    result = action()
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    return Sample(wall, cpu + server_cpu() - server), result


def baseline(rows: list[Row], producers: dict[str, Any]) -> Sample:
    """A plain bulk_create of the same rows with the same column values, in one transaction like the import.
    search_text is computed beforehand: the baseline is the insert itself, not the engine's per-row work."""
    from django.db import transaction

    from ocop.core.text import fold_all
    from ocop.registry.choices import ProductStatus
    from ocop.registry.models import Product

    folded = [fold_all(r.name, r.traceability_code, producers[r.tax_code].name) for r in rows]

    def insert() -> None:
        products = [
            Product(
                producer=producers[r.tax_code],
                product_set_id=r.product_set,
                name=r.name,
                status=ProductStatus.ACTIVE,
                description=r.description,
                story=r.story,
                packaging=r.packaging,
                standards=r.standards,
                traceability_code=r.traceability_code,
                price=Decimal(r.price),
                price_unit=r.price_unit,
                search_text=text,
            )
            for r, text in zip(rows, folded, strict=True)
        ]
        with transaction.atomic():
            Product.objects.bulk_create(products, batch_size=BATCH)

    sample, _ = timed(insert)
    check(Product.objects.count() == len(rows), "the baseline must write every row")
    return sample


def import_once(name: str, data: bytes, user: Any, count: int, *, dry_run: bool) -> Sample:
    from django.contrib.contenttypes.models import ContentType

    from ocop.core.models import ChangeLog
    from ocop.exchange.engine import run_import
    from ocop.registry.models import Product

    sample, report = timed(lambda: run_import("products", name, data, user, dry_run=dry_run))
    # A benchmark that measures a failing import measures nothing: check it did the whole job.
    problems = [f"row {p.row} {p.column}: {p.message}" for p in report.problems[:5]]
    check(report.ok, f"{name}: the import found problems: {problems}")
    check(report.rows == count and report.created == count, f"{name}: {report.rows} rows, {report.created} new")
    written = 0 if dry_run else count
    check(report.written == (not dry_run) and Product.objects.count() == written, f"{name}: not written as asked")
    entries = ChangeLog.objects.filter(content_type=ContentType.objects.get_for_model(Product))
    logged = entries.count()
    check(logged == written, f"{name}: {logged} change-log rows for {written} products")
    # Who and when, on every entry; every product with its search text and its times, as the model writes them.
    check(not entries.exclude(user=user, source="import").exists(), f"{name}: change-log rows without who")
    ids = {str(pk) for pk in Product.objects.values_list("pk", flat=True)}
    check(set(entries.values_list("object_id", flat=True)) == ids, f"{name}: change-log rows not one per product")
    unfinished = Product.objects.filter(search_text="") | Product.objects.filter(created_at__isnull=True)
    check(not unfinished.exists(), f"{name}: products written without their search text or times")
    return sample


def read_once(name: str, data: bytes) -> Sample:
    from ocop.exchange.reading import read_table

    sample, _ = timed(lambda: read_table(name, data))
    return sample


def measure(
    files: dict[str, tuple[str, bytes]], rows: list[Row], user: Any, producers: dict[str, Any], repeat: int
) -> list[Timing]:
    """Interleave the baseline and the imports in every repetition, so a slow minute hits all of them."""
    base = Timing("bulk_create (baseline)", "–")
    steps = {fmt: (Timing("read file only", fmt), Timing("dry run", fmt), Timing("import", fmt)) for fmt in files}
    for rep in range(1, repeat + 1):
        clear()
        base.runs.append(baseline(rows, producers))
        clear()
        for fmt, (name, data) in files.items():
            read, dry, write = steps[fmt]
            if rep == 1:  # informative only (it is part of both runs below): once is enough
                read.runs.append(read_once(name, data))
            dry.runs.append(import_once(name, data, user, len(rows), dry_run=True))
            write.runs.append(import_once(name, data, user, len(rows), dry_run=False))
            clear()
        done = ", ".join(f"{t.fmt} {t.label} {t.runs[-1].wall:.1f}s" for s in steps.values() for t in s[1:])
        print(f"  run {rep}/{repeat} (wall): baseline {base.runs[-1].wall:.1f}s, {done}", file=sys.stderr, flush=True)
    return [base, *(t for s in steps.values() for t in s)]


def profile(files: dict[str, tuple[str, bytes]], user: Any, count: int, top: int) -> None:
    """One written import per format under cProfile: where the engine's time goes."""
    for fmt, (name, data) in files.items():
        clear()
        profiler = cProfile.Profile()
        profiler.enable()
        import_once(name, data, user, count, dry_run=False)
        profiler.disable()
        clear()
        for order in ("tottime", "cumulative"):
            print(f"\n### cProfile, {fmt} import, by {order}\n\n```")
            stats = pstats.Stats(profiler, stream=sys.stdout)
            stats.strip_dirs().sort_stats(order).print_stats(top)
            print("```")


# ---------------------------------------------------------------- the report


def goals(timing: Timing, count: int, base: Timing) -> str:
    """Issue 13's goal for one step (≤ 2× bulk_create for the import, ≤ 1.5× for the dry run), judged on wall time
    and on CPU time, and issue 4's rows/s for comparison; no rounding in its favour."""
    limit = GOAL_RATIO if timing.label == "import" else GOAL_DRY_RATIO
    parts = []
    for name, seconds, base_seconds in (("wall", timing.wall, base.wall), ("CPU", timing.cpu, base.cpu)):
        rate, ratio = count / seconds, seconds / base_seconds
        within = "met" if ratio <= limit else f"missed, {ratio / limit - 1:.0%} over"
        parts.append(f"{name}: {ratio:.2f}× bulk_create ({within}), {rate:,.0f} rows/s")
    return f"- **{timing.label}, {timing.fmt}** (≤ {limit:g}×) — " + "; ".join(parts)


def report(timings: list[Timing], count: int, sizes: dict[str, int], title: str) -> None:
    base = timings[0]
    print(f"\n### {title}, {count:,} rows, median of {len(base.runs)}\n")
    print("| step | file | wall s | rows/s | × bulk_create | CPU s | rows/s (CPU) | × bulk_create (CPU) ", end="")
    print("| runs (wall s) |")
    print("|---|---|--:|--:|--:|--:|--:|--:|---|")
    for t in timings:
        size = f" ({sizes[t.fmt] / 1e6:.1f} MB)" if t.fmt in sizes else ""
        runs = ", ".join(f"{r.wall:.1f}" for r in t.runs)
        print(
            f"| {t.label} | {t.fmt}{size} | {t.wall:.2f} | {count / t.wall:,.0f} | {t.wall / base.wall:.2f} | "
            f"{t.cpu:.2f} | {count / t.cpu:,.0f} | {t.cpu / base.cpu:.2f} | {runs} |"
        )
    print(
        f"\nGoals (issue 13): import ≤ {GOAL_RATIO:g}× bulk_create, dry run ≤ {GOAL_DRY_RATIO:g}×"
        f" (issue 4 asked ≥ {GOAL_ROWS_PER_SECOND:,} rows/s).\n"
    )
    for t in timings:
        if t.label in ("import", "dry run"):
            print(goals(t, count, base))
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--rows", type=int, default=40_000)
    parser.add_argument("--format", choices=["csv", "xlsx", "both"], default="both")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions; the median is reported")
    parser.add_argument("--postgres-url", default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES))
    parser.add_argument("--profile", type=int, metavar="N", default=0, help="also print cProfile's top N lines")
    args = parser.parse_args(argv)

    return run_in_throwaway(args.db, args.postgres_url, "bench", lambda url, workdir: run(args, url, workdir))


def run(args: argparse.Namespace, url: str, workdir: Path) -> int:
    started = time.perf_counter()
    setup_django(url, workdir)
    rows = make_rows(args.rows)
    user, producers = seed(rows)
    formats = ["csv", "xlsx"] if args.format == "both" else [args.format]
    makers = {"csv": csv_file, "xlsx": xlsx_file}
    files = {fmt: (f"products.{fmt}", makers[fmt](rows)) for fmt in formats}
    host = urlsplit(url).hostname or ""
    SERVER_CPU["visible"] = host in ("127.0.0.1", "localhost", "::1") and Path("/proc/self/stat").exists()
    cpu_note = "CPU = this process" + (" + its PostgreSQL backend" if SERVER_CPU["visible"] else "")
    if url.startswith("postgres") and not SERVER_CPU["visible"]:
        cpu_note += " only (the server's is not visible from here)"
    load = f" · load {os.getloadavg()[0]:.1f} at start" if hasattr(os, "getloadavg") else ""
    title = f"{database_version()} · Python {platform.python_version()} · {os.cpu_count()} CPUs{load} · {cpu_note}"
    print(f"{title}: setup {time.perf_counter() - started:.0f}s, measuring…", file=sys.stderr, flush=True)

    timings = measure(files, rows, user, producers, args.repeat)
    report(timings, args.rows, {fmt: len(data) for fmt, (_n, data) in files.items()}, title)
    if args.profile:
        profile(files, user, args.rows, args.profile)
    print(f"(total {time.perf_counter() - started:.0f}s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
