# make run   - create .venv, install, migrate, load the demo data, serve on 127.0.0.1:8000
#              with a background-task worker beside the server (stopped with it)
# make test  - install dev requirements and run the whole suite
# make lint  - ruff (lint + format check) and the migrations check

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# `make run` is a local development server: DEBUG on, plain HTTP on loopback.
RUN_ENV := DEBUG=$${DEBUG:-1} FACTCHECK_HTTPS=$${FACTCHECK_HTTPS:-0}

.PHONY: run test lint serve migrate demo clean

$(PY):
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11+ is required")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime-installed $@

migrate: $(VENV)/.runtime-installed
	$(RUN_ENV) $(PY) manage.py migrate --no-input

demo: migrate
	$(RUN_ENV) $(PY) manage.py load_demo

# The worker runs URL imports, source archiving and article checks from the database
# queue; it stops when the server does (Ctrl-C reaches both).
run: demo
	$(RUN_ENV) $(PY) manage.py db_worker --no-reload --no-startup-delay --interval 1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(RUN_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

# Two pytest-xdist workers by default (the suite takes about half as long on 2 cores);
# `make test PYTEST_ARGS=...` replaces them, e.g. PYTEST_ARGS="-n 0 tests/api".
PYTEST_ARGS ?= -n 2
test: $(VENV)/.dev-installed
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.dev-installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis staticfiles
