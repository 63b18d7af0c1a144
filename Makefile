# Verksted — build, run and test.
#
#   make run    install everything, prepare the database with demo data, serve on :5000
#   make test   install everything, run the whole test suite (SQLite + Chromium)
#
# Every step is idempotent: stamp files remember what is installed, so a second run is quick.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app verksted
VENDOR := static/vendor
TRANSLATIONS := verksted/translations
PYTEST_ARGS ?=
POSTGRES_URL ?= postgresql://postgres@127.0.0.1:5432/postgres
HOST ?= 127.0.0.1
PORT ?= 5000

# Root needs no sudo; anyone else uses it when it is there.
SUDO := $(shell if [ "$$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then echo sudo; fi)
apt_install = { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1); }

# pytest exit status 5 means "no tests collected": say so instead of failing silently.
define run_pytest
@status=0; $(1) $(BIN)/pytest -q $(PYTEST_ARGS) || status=$$?; \
if [ $$status -eq 5 ]; then echo "FEIL: pytest fant ingen tester å kjøre (exit 5)." >&2; fi; \
exit $$status
endef

.PHONY: help install install-test assets translations fonts browser run test test-postgres bench migration clean

help:
	@echo "make run            start Verksted med demodata på http://$(HOST):$(PORT)"
	@echo "make test           kjør alle tester (SQLite og Chromium)"
	@echo "make test-postgres  kjør testene mot PostgreSQL på 127.0.0.1:5432"
	@echo "make bench          kjør ytelsesmålingene i bench/"
	@echo "make migration m=\"beskrivelse\"   lag en ny Alembic-migrering fra modellene"
	@echo "make install | install-test | assets | translations | clean"

# --- Python -------------------------------------------------------------------------------

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 && $(PYTHON) -c 'import ensurepip, venv' 2>/dev/null \
		|| $(call apt_install,$(PYTHON) $(PYTHON)-venv)
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

# --- Front-end files ----------------------------------------------------------------------

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || $(call apt_install,nodejs npm)
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(VENDOR)/.copied: node_modules/.installed
	rm -rf $(VENDOR)/designsystemet $(VENDOR)/inter
	mkdir -p $(VENDOR)/designsystemet $(VENDOR)/inter
	cp node_modules/@digdir/designsystemet-css/dist/src/index.css $(VENDOR)/designsystemet/index.css
	cp node_modules/@digdir/designsystemet-css/dist/theme/designsystemet.css $(VENDOR)/designsystemet/theme.css
	cp node_modules/@fontsource-variable/inter/index.css $(VENDOR)/inter/index.css
	cp -R node_modules/@fontsource-variable/inter/files $(VENDOR)/inter/files
	@touch $@

assets: $(VENDOR)/.copied

# --- Translations (nynorsk, English) ------------------------------------------------------

translations: $(VENV)/.installed
	@if find $(TRANSLATIONS) -name '*.po' -print -quit 2>/dev/null | grep -q .; then \
		$(BIN)/pybabel -q compile -d $(TRANSLATIONS) -f; \
	fi

# --- Fonts for PDFs: DejaVu Sans for every Norwegian and Sámi letter, Symbola for emoji ----

fonts:
	@[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] && [ -f /usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf ] \
		|| $(call apt_install,fonts-dejavu-core fonts-symbola)

# --- Browser for the tests (Debian's Chromium; Playwright never downloads one) ------------

browser:
	@[ -x /usr/bin/chromium ] || $(call apt_install,chromium)

# --- Everyday targets ---------------------------------------------------------------------

run: install assets translations fonts
	$(FLASK) db upgrade
	$(FLASK) seed-demo
	@echo
	@echo "==> Verksted kjører på http://$(HOST):$(PORT) — åpne adressen i nettleseren. Stopp med Ctrl+C."
	@echo
	$(FLASK) run --host $(HOST) --port $(PORT)

test: install-test assets translations fonts browser
	$(call run_pytest,)

test-postgres: install-test assets translations fonts browser
	$(call run_pytest,VERKSTED_TEST_POSTGRES=$(POSTGRES_URL))

# Every bench/*.py on a new SQLite file (bench/_*.py are shared helpers), then the live poll
# again on a scratch database of the PostgreSQL server, when one answers there.
bench: install translations
	@set -e; for script in bench/*.py; do \
		case "$$(basename "$$script")" in _*) continue ;; esac; \
		echo "==> $$script"; \
		$(BIN)/python "$$script"; \
	done; \
	echo "==> bench/polls.py på PostgreSQL ($(POSTGRES_URL))"; \
	$(BIN)/python bench/polls.py --postgres "$(POSTGRES_URL)"

migration: install
	@[ -n "$(m)" ] || { echo 'Bruk: make migration m="kort beskrivelse av endringen"' >&2; exit 2; }
	$(FLASK) db migrate -m "$(m)"

clean:
	rm -rf $(VENV) node_modules $(VENDOR)
