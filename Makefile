# The two commands a fresh machine needs: `make run` and `make test` (see README.md).
VENV   := .venv
PY     := $(VENV)/bin/python
OCOP   := $(VENV)/bin/ocop
HOST   ?= 127.0.0.1:8000

.PHONY: run test lint fmt messages bench bench-import bench-indicators bench-portal cluster bench-load clean

$(PY):
	@python=$$(sh scripts/find-python) || exit 1; \
	echo "Using $$python"; \
	"$$python" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(PY) pyproject.toml
	$(PY) -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

## run: install, migrate (loads the administrative map), load the demo data, serve on http://$(HOST)
## with a background worker beside it (big imports and exports, daily reminders); Ctrl-C stops both
run: $(VENV)/.installed
	$(OCOP) migrate --no-input
	$(OCOP) demo
	$(OCOP) worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; $(OCOP) runserver $(HOST)

## test: install the dev dependencies (and Debian's chromium and LibreOffice Writer when missing, as root; else it
## stops at once with the command to run), then run the whole suite on every core (pytest-xdist, one test file per
## worker, the browser tests on one worker); PYTEST_ARGS="-n 0 path/to/test_x.py" for one file in one process
test: $(VENV)/.installed-dev
	@sh scripts/test-prereqs
	$(VENV)/bin/pytest -n auto --dist loadgroup $(PYTEST_ARGS)

## bench-import: time a 40,000-row product import (dry run, import) against a plain bulk_create of the same
## rows, on SQLite then PostgreSQL (skipped if unreachable); BENCH_ARGS="--rows 5000 --repeat 1" for a quick look
bench-import: $(VENV)/.installed-dev
	$(PY) bench/import_bench.py --db sqlite $(BENCH_ARGS)
	$(PY) bench/import_bench.py --db postgres $(BENCH_ARGS)

## bench-indicators: the 15 plan indicators on a national data set (34 provinces, 20,000 producers, 60,000
## certificates): whole country, every province, every commune of one province, against hand-written SQL, on
## PostgreSQL (skipped if unreachable) then SQLite; BENCH_ARGS="--scale 0.1 --repeat 1" for a quick look
bench-indicators: $(VENV)/.installed-dev
	$(PY) bench/indicators_bench.py --db postgres $(BENCH_ARGS)
	$(PY) bench/indicators_bench.py --db sqlite $(BENCH_ARGS)

## bench-portal: portal search and product pages on the national data set, served by `ocop serve` (gunicorn) on
## loopback: p50/p95 latency and requests/s under load against a static copy of a product page served by the
## same server, on SQLite then PostgreSQL (skipped if unreachable); uses wrk when installed, else a Python load
## generator; BENCH_ARGS="--scale 0.1 --duration 5 --rounds 1" for a quick look
bench-portal: $(VENV)/.installed-dev
	$(PY) bench/portal_bench.py --db sqlite $(BENCH_ARGS)
	$(PY) bench/portal_bench.py --db postgres $(BENCH_ARGS)

## cluster: the production shape on this machine (docs/benchmarks.md, "Cluster"): a throw-away PostgreSQL and Redis
## on ports of their own, two web nodes (`ocop serve`), two workers, nginx in front (installed with apt-get when
## missing, as root) serving static files and balancing the nodes; national data loaded (CLUSTER_SCALE, default
## 0.5 = the country); prints the URL; Ctrl-C stops everything it started
cluster: $(VENV)/.installed-dev
	$(PY) bench/cluster.py $(CLUSTER_ARGS)

## bench-load: Locust's mixed workload against the cluster (one running from `make cluster` is reused, else one is
## started and stopped) at 50 and 200 users, then the same load with faults (a web node and a worker killed,
## PostgreSQL restarted, Redis stopped 30 s) and a count of what was written; BENCH_ARGS="--duration 20" for a look
## (exits 1 when an error was not a fault's, a write was lost or doubled, or a job lost)
bench-load: $(VENV)/.installed-dev
	$(PY) bench/load.py $(BENCH_ARGS)

## lint: ruff (check, format), the import contract of the layers (lint-imports, docs/architecture.md), mypy
lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

fmt: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## messages: refresh and compile the translation catalogues (needs GNU gettext)
messages: $(VENV)/.installed
	cd src/ocop && ../../$(OCOP) makemessages -l vi -l en --no-location --no-obsolete
	cd src/ocop && ../../$(OCOP) compilemessages

clean:
	rm -rf $(VENV) var/*.sqlite3 .pytest_cache
