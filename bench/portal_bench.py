"""Benchmark of the public portal (`make bench-portal`): not a test, a measurement.

On the national data set (bench/national_data.py with realistic product and producer names: 40,000 products,
60,000 certificates, ~39,500 of them in the catalogue) it rebuilds the catalogue's read model, starts the real
server (`ocop serve`: gunicorn, production settings, whitenoise) on loopback, and measures in one run:

1. latency, p50 and p95, of ~50 catalogue searches (`/san-pham/?q=…`: accents or none, typos, several words,
   filters, a query matching thousands, queries matching nothing) and of 200 product pages
   (`/san-pham/<id>/`), sent one at a time; and the same views called in-process (django.test.Client: the
   view, middleware and template without HTTP) with the number of SQL queries each;
2. requests per second under concurrent load (wrk when installed, else a Python load generator) on product
   pages, search pages and the ceiling: a static HTML copy of one product page served by the same gunicorn
   through whitenoise (the same HTTP stack and middleware up to whitenoise, no view, no database).

Goals (the portal issue): search p95 under 50 ms of server time; product pages at ≥ 50 % of the static
ceiling's throughput.

    python bench/portal_bench.py --db sqlite|postgres [--scale 1.0] [--workers 3] [--concurrency 8]
                                 [--duration 10] [--rounds 2] [--load auto|wrk|python] [--json FILE]

It runs against a throw-away database it creates and drops itself (a fresh PostgreSQL database
`ocop_bench_portal_<pid>`, or a temporary SQLite file) and a temporary data directory, never against var/
or DATABASE_URL.
"""

import argparse
import datetime
import http.client
import json
import multiprocessing
import os
import platform
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))  # national_data.py beside this file

import national_data
from throwaway import analyze, database_version, run_in_throwaway

DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"  # the maintenance db to create ours from
GOAL_SEARCH_P95_MS = 50.0
GOAL_PRODUCT_SHARE = 0.5  # product pages' throughput, as a share of the static copy's
PRODUCT_SAMPLE = 200
SEED = 7

# The searches: (label, parameters). {province}, {sector} and {set_tea} are filled in from the database.
SEARCHES: list[tuple[str, dict[str, str]]] = [
    # with accents, as typed on a phone with a Vietnamese keyboard
    ("accents", {"q": "Hạt điều rang muối"}),
    ("accents", {"q": "Mật ong"}),
    ("accents", {"q": "Mật ong rừng"}),
    ("accents", {"q": "Cà phê"}),
    ("accents", {"q": "Cà phê Robusta rang xay"}),
    ("accents", {"q": "Nước mắm cá cơm"}),
    ("accents", {"q": "Gạo ST25"}),
    ("accents", {"q": "Chè Thái Nguyên"}),
    ("accents", {"q": "Trà atiso"}),
    ("accents", {"q": "Tinh dầu sả chanh"}),
    ("accents", {"q": "Rượu cần"}),
    ("accents", {"q": "Nấm linh chi đỏ"}),
    ("accents", {"q": "Bưởi da xanh Bến Tre"}),
    ("accents", {"q": "Bánh tráng phơi sương"}),
    ("accents", {"q": "Khô cá lóc"}),
    ("accents", {"q": "Sâm Ngọc Linh"}),
    ("accents", {"q": "Gốm Bát Tràng"}),
    ("accents", {"q": "Xoài cát Hòa Lộc"}),
    # without accents
    ("no accents", {"q": "hat dieu"}),
    ("no accents", {"q": "mat ong hoa ca phe"}),
    ("no accents", {"q": "ca phe chon"}),
    ("no accents", {"q": "nuoc mam"}),
    ("no accents", {"q": "gao nang thom cho dao"}),
    ("no accents", {"q": "tra xanh"}),
    ("no accents", {"q": "ruou ngo men la"}),
    ("no accents", {"q": "tinh dau tram"}),
    ("no accents", {"q": "kho muc"}),
    ("no accents", {"q": "lua to tam"}),
    # small typos (one edit: missing, extra, changed or swapped letters)
    ("typo", {"q": "hat dieuu"}),
    ("typo", {"q": "mat ogn"}),
    ("typo", {"q": "ca phee"}),
    ("typo", {"q": "nuoc mamm"}),
    ("typo", {"q": "tinh dauu sa chanh"}),
    ("typo", {"q": "lua to tamm"}),
    ("typo", {"q": "bonsaii"}),
    ("typo", {"q": "sam ngoc lihn"}),
    # producers and places
    ("producer/place", {"q": "HTX Nông nghiệp"}),
    ("producer/place", {"q": "Nguyễn Văn Nam"}),
    ("producer/place", {"q": "Bình Phước"}),
    ("producer/place", {"q": "phu quoc"}),
    # thousands of matches
    ("thousands", {"q": "thực phẩm"}),
    ("thousands", {"q": "ca"}),
    ("thousands", {"q": "htx"}),
    # filters, with and without words
    ("filters", {"q": "mat ong", "stars": "4"}),
    ("filters", {"q": "ca phe", "province": "{province}"}),
    ("filters", {"q": "hat dieu", "sector": "{sector}", "sort": "stars"}),
    ("filters", {"q": "tra", "product_set": "{set_tea}"}),
    ("filters", {"q": "gao", "legal_form": "cooperative", "sort": "newest"}),
    ("filters", {"stars": "5", "province": "{province}"}),
    ("filters", {"q": "mat ong", "page": "3"}),
    # nothing matches
    ("nothing", {"q": "xyzzy"}),
    ("nothing", {"q": "iphone 15 pro max"}),
    ("nothing", {"q": "Hạt điều rang muối vỏ lụa Bình Phước đặc biệt hộp quà Sơn La"}),
]


# ---------------------------------------------------------------- the throw-away database


def server_environment(url: str, workdir: Path) -> dict[str, str]:
    """Production settings, as `ocop serve` runs them, on the throw-away database and data directory."""
    return {
        "DJANGO_SETTINGS_MODULE": "ocop.settings",
        "DATABASE_URL": url,
        "DATABASE_CONN_MAX_AGE": "60",  # what docs/deploy.md recommends; also used on SQLite here
        "OCOP_MODE": "production",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "0",  # plain HTTP on loopback; a proxy would terminate TLS in production
        "OCOP_DATA_DIR": str(workdir),
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "LOG_LEVEL": "WARNING",
    }


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


# ---------------------------------------------------------------- statistics


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (share in 0–1) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * share // 1))  # ceil
    return ordered[int(rank) - 1]


@dataclass
class Latency:
    samples_ms: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        s = self.samples_ms
        out: dict[str, Any] = {
            "n": len(s),
            "p50_ms": round(percentile(s, 0.50), 2),
            "p95_ms": round(percentile(s, 0.95), 2),
            "max_ms": round(max(s), 2),
            "mean_ms": round(statistics.fmean(s), 2),
        }
        if self.queries:
            out["queries_min"], out["queries_max"] = min(self.queries), max(self.queries)
        return out


# ---------------------------------------------------------------- what is requested


@dataclass
class Targets:
    searches: list[tuple[str, str]]  # (label, path)
    products: list[str]  # paths
    static: str  # path of the static copy
    static_bytes: int
    product_bytes: int


def search_paths() -> list[tuple[str, str]]:
    from django.db.models import Count

    from ocop.portal.models import CatalogueEntry
    from ocop.registry.models import ProductSet

    province = (
        CatalogueEntry.objects.values("commune__parent_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "commune__parent_id")
        .first()["commune__parent_id"]
    )  # the province with the most products: its filter narrows least
    fill = {
        "province": str(province),
        "sector": ProductSet.objects.get(number=7).sector_code,
        "set_tea": str(ProductSet.objects.get(number=11).number),
    }
    paths = []
    for label, params in SEARCHES:
        filled = {k: v.format(**fill) for k, v in params.items()}
        paths.append((label, "/san-pham/?" + urlencode(filled)))
    return paths


def product_paths(count: int) -> list[str]:
    from ocop.portal.models import CatalogueEntry

    ids = list(CatalogueEntry.objects.order_by("product_id").values_list("product_id", flat=True))
    return [f"/san-pham/{pk}/" for pk in random.Random(SEED).sample(ids, k=min(count, len(ids)))]


SHAPE = re.compile(r"'[^']*'|%s|\b\d+\b")  # literals and parameters: queries of one shape together
FOUND = re.compile(rb'class="found"[^>]*>\s*([\d.,\s]+)')


def found_count(body: bytes) -> int | None:
    match = FOUND.search(body)
    return int(re.sub(rb"\D", b"", match.group(1))) if match else None


# ---------------------------------------------------------------- in-process (view + middleware + template)


def in_process(searches: list[tuple[str, str]], products: list[str], rounds: int) -> dict[str, Any]:
    """Each path through django.test.Client: timed (without query capture), then once more counting queries."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.OCOP_PAGE_CACHE_SECONDS = 0  # the engine's cost: every request renders
    client = Client()
    results: dict[str, Any] = {"search": Latency(), "product": Latency(), "per_search": {}, "sql": {}}
    for _label, path in searches[:3] + [(None, p) for p in products[:3]]:  # warm: vocabulary, templates
        client.get(path)
    for kind, paths in (("search", [p for _, p in searches]), ("product", products)):
        for _ in range(rounds if kind == "search" else 1):
            for path in paths:
                started = time.perf_counter()
                response = client.get(path)
                elapsed = (time.perf_counter() - started) * 1000
                assert response.status_code == 200, (path, response.status_code)
                results[kind].samples_ms.append(elapsed)
                if kind == "search":
                    per = results["per_search"].setdefault(path, {"in_process_ms": []})
                    per["in_process_ms"].append(elapsed)
        for path in paths:
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path)
            results[kind].queries.append(len(captured))
            for query in captured.captured_queries:
                shape = SHAPE.sub("?", query["sql"])
                seen = results["sql"].setdefault(kind, {}).setdefault(shape, [0, 0.0, 0.0])
                seen[0] += 1
                seen[1] += float(query["time"]) * 1000
                seen[2] = max(seen[2], float(query["time"]) * 1000)
            if kind == "search":
                results["per_search"][path]["queries"] = len(captured)
                results["per_search"][path]["found"] = found_count(response.content)
    return results


def write_static_copy(product_path: str, static_root: Path) -> tuple[str, int]:
    """The HTML of one product page, saved where whitenoise serves it (under STATIC_ROOT, read at start-up)."""
    from django.test import Client

    body = Client().get(product_path).content
    target = static_root / "bench" / "product.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(body)
    return "/static/bench/product.html", len(body)


# ---------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def server(env: dict[str, str], workers: int, log: Path) -> Iterator[int]:
    """`ocop serve` (gunicorn, sync workers) on a free loopback port; stopped (SIGTERM to its pid) at the end."""
    port = free_port()
    ocop = Path(sys.executable).with_name("ocop")
    command = [str(ocop)] if ocop.exists() else [sys.executable, "-m", "ocop.cli"]
    command += ["serve", "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--access-logfile", "/dev/null"]
    with log.open("wb") as out:
        process = subprocess.Popen(command, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the server exited ({process.returncode}):\n{log.read_text()[-3000:]}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", "/robots.txt")
                if conn.getresponse().status == 200:
                    conn.close()
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the server did not answer in 120 s:\n{log.read_text()[-3000:]}")
            time.sleep(0.3)
        yield port
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def fetch(conn: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
    conn.request("GET", path)
    response = conn.getresponse()
    return response.status, response.read()  # a `Connection: close` reply closes; the next request reconnects


def busted(path: str, tag: str) -> str:
    """The same page under a URL the page cache has never seen: it is rendered, not served from the cache."""
    return f"{path}{'&' if '?' in path else '?'}_nocache={tag}"


def sequential(port: int, paths: list[str], rounds: int, cold: bool = False) -> tuple[Latency, dict[str, list[float]]]:
    """One request at a time on one client connection: each one's wall time on loopback (cold: never cached)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    latency, per_path = Latency(), {}
    for round_ in range(rounds):
        for n, path in enumerate(paths):
            started = time.perf_counter()
            status, _body = fetch(conn, busted(path, f"s{round_}-{n}") if cold else path)
            elapsed = (time.perf_counter() - started) * 1000
            if status != 200:
                raise RuntimeError(f"GET {path}: {status}")
            latency.samples_ms.append(elapsed)
            per_path.setdefault(path, []).append(elapsed)
    conn.close()
    return latency, per_path


def warm_up(port: int, paths: list[str], workers: int) -> None:
    """Every worker answers searches once (each builds its vocabulary) and opens its database connection."""
    with multiprocessing.get_context("fork").Pool(workers * 2) as pool:
        pool.starmap(_warm, [(port, paths, i) for i in range(workers * 2)])


def _warm(port: int, paths: list[str], offset: int) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    for path in paths[offset:] + paths[:offset]:
        fetch(conn, path)


# ---------------------------------------------------------------- load


@dataclass
class Load:
    tool: str
    requests: int
    seconds: float
    errors: int
    p50_ms: float | None = None
    p99_ms: float | None = None

    @property
    def rps(self) -> float:
        return self.requests / self.seconds


WRK_SCRIPT = """
local paths = {%s}
local n = 0
local offset = 0
setup = function(thread) offset = offset + 1; thread:set("start", offset * 7919) end
request = function()
  n = n + 1
  return wrk.format("GET", paths[((start or 0) + n) %% #paths + 1])
end
"""


def wrk_load(port: int, paths: list[str], concurrency: int, duration: float, workdir: Path) -> Load:
    script = workdir / "paths.lua"
    script.write_text(WRK_SCRIPT % ", ".join(json.dumps(p) for p in paths), encoding="utf-8")
    threads = min(2, concurrency)
    command = ["wrk", f"-t{threads}", f"-c{concurrency}", f"-d{duration:g}s", "--latency", "-s", str(script)]
    output = subprocess.run(
        [*command, f"http://127.0.0.1:{port}"], capture_output=True, text=True, check=True, timeout=duration + 60
    ).stdout
    requests = int(re.search(r"(\d+) requests in ([\d.]+)(m?s)", output).group(1))
    took = re.search(r"requests in ([\d.]+)(m?s)", output)
    seconds = float(took.group(1)) / (1000 if took.group(2) == "ms" else 1)
    errors = 0
    if found := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        errors += int(found.group(1))
    if found := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output):
        errors += int(found.group(1)) + int(found.group(3)) + int(found.group(4))  # read errors: closes, normal

    def quantile(label: str) -> float | None:
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
        if not match:
            return None
        return float(match.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[match.group(2)]

    return Load("wrk", requests, seconds, errors, quantile("50"), quantile("99"))


LOAD_TARGETS = ("static", "product", "product_cold", "search")


def python_load(port: int, paths: list[str], concurrency: int, duration: float, cold: bool = False) -> Load:
    """`concurrency` processes, each one connection sending requests back to back until the deadline."""
    start = time.time() + 1.0  # the processes start first, then all begin together
    with multiprocessing.get_context("fork").Pool(concurrency) as pool:
        jobs = [(port, paths, i, start, start + duration, cold) for i in range(concurrency)]
        parts = pool.starmap(_client, jobs)
    samples = [s for part in parts for s in part[1]]
    return Load(
        "python",
        requests=len(samples),
        seconds=duration,
        errors=sum(part[0] for part in parts),
        p50_ms=round(percentile(samples, 0.5), 2) if samples else None,
        p99_ms=round(percentile(samples, 0.99), 2) if samples else None,
    )


def _client(port: int, paths: list[str], index: int, start: float, end: float, cold: bool) -> tuple[int, list[float]]:
    rng = random.Random(index)
    order = paths[:]
    rng.shuffle(order)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    errors, samples, n = 0, [], 0
    time.sleep(max(0.0, start - time.time()))
    while (now := time.time()) < end:
        try:
            path = order[n % len(order)]
            status, _ = fetch(conn, busted(path, f"c{index}-{n}") if cold else path)
        except (OSError, http.client.HTTPException):
            conn.close()
            status = 0
        n += 1
        if time.time() <= end:
            if status == 200:
                samples.append((time.time() - now) * 1000)
            else:
                errors += 1
    conn.close()
    return errors, samples


# ---------------------------------------------------------------- the run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--scale", type=float, default=1.0, help="data size factor (0.1 for a quick look)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (WEB_CONCURRENCY's default)")
    parser.add_argument("--concurrency", type=int, default=8, help="connections under load")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds of each load run")
    parser.add_argument("--rounds", type=int, default=2, help="load rounds (static, product, search each)")
    parser.add_argument("--repeat", type=int, default=3, help="times each search is sent, one at a time")
    parser.add_argument("--load", choices=["auto", "wrk", "python"], default="auto", help="load generator")
    parser.add_argument("--json", type=Path, help="result file (default /tmp/ocop-bench-portal-<db>.json)")
    parser.add_argument("--postgres-url", default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES))
    args = parser.parse_args(argv)
    if args.load == "auto":
        args.load = "wrk" if shutil.which("wrk") else "python"
    elif args.load == "wrk" and not shutil.which("wrk"):
        parser.error("wrk is not installed (apt-get install wrk); use --load python")

    return run_in_throwaway(args.db, args.postgres_url, "bench_portal", lambda url, workdir: run(args, url, workdir))


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run(args: argparse.Namespace, url: str, workdir: Path) -> int:
    started = time.perf_counter()
    env = server_environment(url, workdir)
    setup_django(env)
    say(f"migrated in {time.perf_counter() - started:.0f}s; generating…")
    summary = national_data.generate(national_data.Scale().scaled(args.scale), names="realistic")
    analyze()

    from django.core.management import call_command
    from django.db import connections

    from ocop.portal import catalogue

    t0 = time.perf_counter()
    entries = catalogue.rebuild(datetime.date.today())
    rebuild_s = time.perf_counter() - t0
    analyze()
    say(f"catalogue rebuilt: {entries:,} entries in {rebuild_s:.1f}s; collectstatic…")
    call_command("collectstatic", interactive=False, verbosity=0)

    title = f"{database_version()} · Python {platform.python_version()} · {os.cpu_count()} CPUs"
    searches = search_paths()
    products = product_paths(PRODUCT_SAMPLE)
    say(f"{title}: in-process measurements…")
    inproc = in_process(searches, products, args.repeat)
    static_path, static_bytes = write_static_copy(products[0], Path(env["STATIC_ROOT"]))
    connections.close_all()  # the server's workers open their own

    result: dict[str, Any] = {
        "database": args.db,
        "title": title,
        "date": datetime.date.today().isoformat(),
        "scale": args.scale,
        "data": summary.counts,
        "catalogue_entries": entries,
        "rebuild_s": round(rebuild_s, 2),
        "workers": args.workers,
        "concurrency": args.concurrency,
        "duration_s": args.duration,
        "load_tool": args.load,
        "static_bytes": static_bytes,
        "in_process": {"search": inproc["search"].summary(), "product": inproc["product"].summary()},
    }
    say(f"starting the server ({args.workers} workers)…")
    with server(env, args.workers, workdir / "server.log") as port:
        warm_up(port, [p for _, p in searches] + products, args.workers)  # every worker caches every page
        say("sequential latency…")
        product_bytes = len(fetch(http.client.HTTPConnection("127.0.0.1", port), products[0])[1])
        search_latency, per_search = sequential(port, [p for _, p in searches], args.repeat, cold=True)
        product_latency, _ = sequential(port, products, 1, cold=True)
        static_latency, _ = sequential(port, [static_path] * 50, 1)
        result["loopback"] = {
            "search": search_latency.summary(),
            "product": product_latency.summary(),
            "static": static_latency.summary(),
        }
        result["product_bytes"] = product_bytes
        loads: dict[str, list[Load]] = {name: [] for name in LOAD_TARGETS}
        targets = {
            "static": ([static_path], False),
            "product": (products, False),  # as deployed: the page cache serves repeated pages
            "product_cold": (products, True),  # every request rendered
            "search": ([p for _, p in searches], True),  # every request rendered
        }
        for round_ in range(args.rounds):
            for name, (paths, cold) in targets.items():
                say(f"load round {round_ + 1}/{args.rounds}: {name}, {args.duration:g}s × {args.concurrency}…")
                if args.load == "wrk" and not cold:
                    loads[name].append(wrk_load(port, paths, args.concurrency, args.duration, workdir))
                else:
                    loads[name].append(python_load(port, paths, args.concurrency, args.duration, cold))
    result["load"] = {
        name: {
            "rps": round(statistics.fmean(run.rps for run in runs), 1),
            "rounds": [{**asdict(run), "rps": round(run.rps, 1)} for run in runs],
        }
        for name, runs in loads.items()
    }
    static_rps = result["load"]["static"]["rps"]
    result["ratio_product_static"] = round(result["load"]["product"]["rps"] / static_rps, 4)
    result["ratio_product_cold_static"] = round(result["load"]["product_cold"]["rps"] / static_rps, 4)
    result["ratio_search_static"] = round(result["load"]["search"]["rps"] / static_rps, 4)
    result["per_search"] = [
        {
            "label": label,
            "path": path,
            "found": inproc["per_search"][path].get("found"),
            "queries": inproc["per_search"][path].get("queries"),
            "loopback_median_ms": round(statistics.median(per_search[path]), 2),
            "in_process_median_ms": round(statistics.median(inproc["per_search"][path]["in_process_ms"]), 2),
        }
        for label, path in searches
    ]
    result["slowest_sql"] = {
        kind: [
            {"sql": sql, "calls": calls, "total_ms": round(total, 1), "max_ms": round(most, 2)}
            for sql, (calls, total, most) in sorted(shapes.items(), key=lambda item: -item[1][1])[:8]
        ]
        for kind, shapes in inproc["sql"].items()
    }
    result["goals"] = {
        "search_p95_under_50ms": result["loopback"]["search"]["p95_ms"] < GOAL_SEARCH_P95_MS,
        "product_at_least_half_static": result["ratio_product_static"] >= GOAL_PRODUCT_SHARE,
    }
    report(result, summary)
    target = args.json or Path(tempfile.gettempdir()) / f"ocop-bench-portal-{args.db}.json"
    target.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    say(f"results written to {target} (total {time.perf_counter() - started:.0f}s)")
    return 0


def report(r: dict[str, Any], summary: Any) -> None:
    print(f"\n### Portal · {r['title']} · {r['date']}\n")
    print(f"Data: {summary.line()}; {r['catalogue_entries']:,} catalogue entries, rebuilt in {r['rebuild_s']:.1f} s.")
    print(
        f"Server: `ocop serve`, {r['workers']} gunicorn sync workers; load: {r['load_tool']}, "
        f"{r['concurrency']} connections, {r['duration_s']:g} s per run, {len(r['load']['static']['rounds'])} "
        f"rounds (mean). Product page {r['product_bytes']:,} bytes; static copy {r['static_bytes']:,} bytes.\n"
    )
    print(
        "| page | loopback p50 ms | loopback p95 ms | in-process p50 ms | in-process p95 ms | SQL queries | "
        "req/s under load | × static | p50 / p99 ms under load |"
    )
    print("|---|--:|--:|--:|--:|--:|--:|--:|---|")
    for name in LOAD_TARGETS:
        loop = r["loopback"].get(name.removesuffix("_cold"))
        inp = r["in_process"].get(name.removesuffix("_cold"))
        load = r["load"][name]
        under = load["rounds"][-1]
        if inp is None:
            timings, queries = "– | –", "0"
        else:
            timings = f"{inp['p50_ms']:.1f} | {inp['p95_ms']:.1f}"
            queries = str(inp["queries_min"])
            if inp["queries_max"] != inp["queries_min"]:
                queries += f"–{inp['queries_max']}"
        looped = f"{loop['p50_ms']:.1f} | {loop['p95_ms']:.1f}" if name != "product" else "(cached) | –"
        print(f"| {name} | {looped} | {timings} | {queries} | ", end="")
        ratio = load["rps"] / r["load"]["static"]["rps"]
        rounds = ", ".join(f"{x['rps']:.0f}" for x in load["rounds"])
        under_load = f"{under['p50_ms'] or 0:.1f} / {under['p99_ms'] or 0:.1f}"
        print(f"{load['rps']:,.0f} ({rounds}) | {ratio:.2f} | {under_load} |")
    g = r["goals"]
    print(
        f"\n- search p95 < {GOAL_SEARCH_P95_MS:g} ms (loopback, one at a time): "
        f"{'met' if g['search_p95_under_50ms'] else 'MISSED'} ({r['loopback']['search']['p95_ms']:.1f} ms)"
    )
    print(
        f"- product pages ≥ {GOAL_PRODUCT_SHARE:.0%} of the static copy's throughput: "
        f"{'met' if g['product_at_least_half_static'] else 'MISSED'} ({r['ratio_product_static']:.1%})"
    )
    print(f"- product pages rendered every time (no page cache): {r['ratio_product_cold_static']:.1%}")
    print(f"- search pages: {r['ratio_search_static']:.1%} of the static copy's throughput\n")
    print("| search | kind | found | queries | loopback median ms | in-process median ms |")
    print("|---|---|--:|--:|--:|--:|")
    for row in sorted(r["per_search"], key=lambda x: -x["loopback_median_ms"]):
        print(
            f"| `{row['path'].removeprefix('/san-pham/')}` | {row['label']} | {row['found']} | {row['queries']} | "
            f"{row['loopback_median_ms']:.1f} | {row['in_process_median_ms']:.1f} |"
        )
    for kind, rows in r["slowest_sql"].items():
        print(f"\nSQL of the {kind} pages by total time (one in-process pass, queries captured):\n")
        print("| calls | total ms | max ms | query |\n|--:|--:|--:|---|")
        for row in rows:
            sql = row["sql"] if len(row["sql"]) <= 300 else row["sql"][:300] + "…"
            print(f"| {row['calls']} | {row['total_ms']:.1f} | {row['max_ms']:.1f} | `{sql}` |")
    print()


if __name__ == "__main__":
    sys.exit(main())
