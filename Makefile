# Frivillig: `make run` serves the app with demo data; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON_SYSTEM ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := frivillig.settings

.PHONY: run test setup setup-dev messages messages-da lint format bench clean

# --- setup -----------------------------------------------------------------------------------------------
$(VENV)/.base-installed: requirements/base.txt
	test -x $(PY) || $(PYTHON_SYSTEM) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/base.txt
	touch $@

$(VENV)/.dev-installed: requirements/dev.txt requirements/base.txt $(VENV)/.base-installed
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(VENV)/.base-installed node_modules/.installed messages

setup-dev: setup $(VENV)/.dev-installed

messages: $(VENV)/.base-installed
	@$(PY) scripts/compile_messages.py

# --- run -------------------------------------------------------------------------------------------------
run: setup
	@mkdir -p var
	DEBUG=1 REQUIRE_STAFF_2FA=0 $(PY) manage.py migrate --no-input -v0
	DEBUG=1 REQUIRE_STAFF_2FA=0 $(PY) manage.py demo --if-empty
	@echo "Frivillig runs on http://127.0.0.1:$(PORT)/  (stop with Ctrl+C)"
	DEBUG=1 REQUIRE_STAFF_2FA=0 $(PY) manage.py runserver 127.0.0.1:$(PORT)

# --- test ------------------------------------------------------------------------------------------------
test: setup-dev
	@bash scripts/test.sh

lint: setup-dev
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	DEBUG=1 $(VENV)/bin/mypy

format: setup-dev
	$(VENV)/bin/ruff format . && $(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) node_modules var .pytest_cache .ruff_cache

# Refresh the Danish catalogue from the code (needs GNU gettext); then translate the new entries.
messages-da: setup
	cd frivillig && DEBUG=1 ../$(PY) ../manage.py makemessages -l da --no-obsolete

# --- bench -----------------------------------------------------------------------------------------------
# National data set in a throwaway PostgreSQL cluster, gunicorn, latency and throughput beside two reference
# views (bench/README.md). BENCH_SCALE=0.02 make bench for a quick run; the report goes to bench/results-*.md.
bench: setup
	@bash bench/run.sh
