# 智慧工会 — every task is a target here; `make` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON_BIN ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install run migrate seed test test-postgres lint format check browser-deps es bench clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[1m%-14s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): requirements.txt requirements-dev.txt
	@command -v $(PYTHON_BIN) >/dev/null || PYTHON_BIN=python3; \
	  test -x $(PY) || $${PYTHON_BIN:-python3} -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

install: $(STAMP) ## Create .venv and install the pinned Python packages

migrate: install ## Apply database migrations
	$(PY) manage.py migrate --noinput

seed: migrate ## Load the Chinese demo content and demo accounts (only into an empty database)
	$(PY) manage.py seed_demo

run: seed ## Start the demo on http://$(HOST):$(PORT) with its background worker and scheduler
	$(PY) manage.py run_platform --host $(HOST) --port $(PORT)

lint: install ## Check style with ruff (lint + format)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install ## Reformat the code with ruff
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

check: install ## Django system checks and missing migrations
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py makemigrations --check --dry-run

browser-deps: ## Install Debian's Chromium, CJK fonts and axe-core for browser tests
	bash tests/browser/install_browser.sh
	npm ci --no-audit --no-fund --loglevel=error

# Tests that commit and flush the database run in a pass of their own, so they never empty it under the others;
# the search suite, whose engines keep per-process state, runs in its own pass too.
PYTEST_PASSES = $(PY) -m pytest -m transactional -n 0 \
	&& $(PY) -m pytest -m "not transactional" tests/search \
	&& $(PY) -m pytest -m "not transactional" --ignore=tests/search

test: lint check browser-deps ## Run every test (lint, checks, unit, real Elasticsearch and Chromium) on SQLite
	$(PYTEST_PASSES)

test-postgres: install browser-deps ## Run every test on a throw-away PostgreSQL 15 cluster
	$(PY) -m tests.engines.postgres -- bash -c '$(PYTEST_PASSES)'

es: install ## Run a real single-node Elasticsearch on 127.0.0.1:9200 in the foreground
	$(PY) -m search.devnode --port 9200

bench: install ## Run the benchmarks in bench/ (prints figures)
	$(PY) bench/search_quality.py
	$(PY) bench/search_speed.py

clean: ## Remove the virtualenv, local data and caches
	rm -rf $(VENV) var node_modules .ruff_cache
