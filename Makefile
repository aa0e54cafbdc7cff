# The two commands a fresh machine needs: `make run` and `make test` (see README.md).
VENV   := .venv
PY     := $(VENV)/bin/python
OCOP   := $(VENV)/bin/ocop
HOST   ?= 127.0.0.1:8000

.PHONY: run test lint fmt messages bench clean

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

## test: install the dev dependencies and run the whole suite (browser tests need /usr/bin/chromium)
test: $(VENV)/.installed-dev
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

fmt: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## messages: refresh and compile the translation catalogues (needs GNU gettext)
messages: $(VENV)/.installed
	cd src/ocop && ../../$(OCOP) makemessages -l vi -l en --no-location --no-obsolete
	cd src/ocop && ../../$(OCOP) compilemessages

clean:
	rm -rf $(VENV) var/*.sqlite3 .pytest_cache
