# Yunnan Young Pioneer Work Portal — `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PORT ?= 8000
PROVINCE ?= 53
PYTEST_ARGS ?= -n 2
UV_VERSION := 0.13.9

# Never let uv download an interpreter: it uses the Python that .python-version names
# (3.13), or 3.12 when only that is installed.
export UV_PYTHON_DOWNLOADS := never
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
RUN := $(UV) run --frozen --no-sync
MANAGE := $(RUN) python manage.py

.PHONY: help install run serve test test-browser-repeat lint format check-migrations messages seed-scale bench clean

help: ## Show this list
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-20s %s\n", $$1, $$2}'

.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/pip install --quiet "uv==$(UV_VERSION)"

install: $(if $(filter .tools/bin/uv,$(UV)),.tools/bin/uv) ## Create .venv and install the locked dependencies
	$(UV) sync --frozen || $(UV) sync --frozen --python 3.12

run: install ## Migrate, load divisions, seed demo data (empty database only), serve on 127.0.0.1:$(PORT) with the task worker
	$(MANAGE) migrate --noinput
	$(MANAGE) load_divisions --province $(PROVINCE)
	$(MANAGE) seed_demo --if-empty
	@# Today's reminders and escalations, so the demo's inboxes are not empty (run daily in production).
	$(MANAGE) send_reminders
	@# The background task worker (long exports) runs beside the server and stops with it.
	$(MANAGE) db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	@# --insecure: runserver serves the static files even with DEBUG off (make serve is the
	@# production way).
	$(MANAGE) runserver --insecure 127.0.0.1:$(PORT)

# The suite runs on PostgreSQL (pytest-django creates and drops test_<name>).
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/portal

test: install lint check-migrations ## Lint, check migrations, run the whole test suite on PostgreSQL
	DATABASE_URL="$${DATABASE_URL:-$(TEST_DATABASE_URL)}" $(RUN) pytest $(PYTEST_ARGS)

# A flaky test keeps good work from landing: run the browser tests REPEAT times in a row and
# stop at the first failure (its screenshots are in test-artifacts/).
REPEAT ?= 20
test-browser-repeat: install ## Run the browser tests 20 times in a row (REPEAT=n), stopping at the first failure
	@export DATABASE_URL="$${DATABASE_URL:-$(TEST_DATABASE_URL)}"; \
	for i in $$(seq 1 $(REPEAT)); do \
		start=$$SECONDS; \
		$(RUN) pytest -q $(PYTEST_ARGS) --reuse-db -p no:cacheprovider tests/browser \
			|| { echo "browser tests failed on run $$i of $(REPEAT)"; exit 1; }; \
		echo "run $$i of $(REPEAT) passed in $$((SECONDS - start)) s"; \
	done

lint: ## ruff lint and format check
	$(RUN) ruff check .
	$(RUN) ruff format --check .

format: ## Apply ruff's fixes and formatting
	$(RUN) ruff check --fix .
	$(RUN) ruff format .

check-migrations: ## Fail when a model change has no migration
	$(MANAGE) makemigrations --check --dry-run

messages: ## Refresh and compile the Chinese translations
	$(MANAGE) makemessages -l zh_Hans --no-obsolete --no-location --ignore=.venv --ignore=.tools
	$(MANAGE) compilemessages -l zh_Hans --ignore=.venv --ignore=.tools

seed-scale: install ## Migrate, then seed provincial-scale synthetic data for benchmarks (empty database only)
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_scale

bench: install ## Benchmark exports and list pages against seed_scale data (run make seed-scale first)
	$(MANAGE) bench

clean: ## Remove the environment and local data (var/)
	rm -rf .venv .tools var/portal.sqlite3 var/media var/staticfiles
