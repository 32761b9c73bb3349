# The two commands of the README. Both set up .venv on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lint migrate demo worker beat bench messages compile-messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# The embedded default is a developer's machine: DEBUG on, so static files are served.
run: export DEBUG ?= true
run: install
	$(BIN)/python manage.py migrate --no-input -v0
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run

# Tasks run in-process in tests unless a test starts a real worker itself.
test: lint
	CELERY_TASK_ALWAYS_EAGER=$${CELERY_TASK_ALWAYS_EAGER:-true} $(BIN)/python -m pytest $(PYTEST_ARGS)

worker: install
	$(BIN)/celery -A matchmaking worker --loglevel=INFO --concurrency=2

beat: install
	$(BIN)/celery -A matchmaking beat --loglevel=INFO

# REFERENCE=/path/to/a/checkout (e.g. main) adds its engine on the b2b family for comparison.
bench: install
	$(BIN)/python -m bench.run --markdown bench/RESULTS.md $(if $(REFERENCE),--reference $(REFERENCE))

# Then translate the new entries in locale/zh_Hans/LC_MESSAGES/django.po and run
# `make compile-messages`; tests/i18n fails on any untranslated or stale entry.
messages: install
	$(BIN)/python manage.py makemessages -l zh_Hans --no-obsolete --ignore=.venv \
		--ignore=bench --ignore=tests --ignore=docs --ignore=staticfiles \
		--ignore='matchmaking/scheduling/*'

compile-messages: install
	$(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) db.sqlite3* *.egg-info
