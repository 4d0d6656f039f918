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

# Closed networks: `make wheelhouse` (with the package index) downloads every locked
# dependency, and uv itself, as wheels into WHEELHOUSE for this machine's architecture and
# the Python that .python-version names; `make install OFFLINE=1` (and run, serve, test with
# OFFLINE=1) installs from that folder alone, with no index and no network.
WHEELHOUSE ?= wheelhouse
OFFLINE ?=
WHEEL_PYTHON ?= $(shell cat .python-version)

.PHONY: help install wheelhouse run serve test test-browser-repeat lint format check-backup check-migrations check-offline messages backup restore seed-scale bench clean

help: ## Show this list
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-20s %s\n", $$1, $$2}'

.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/pip install --quiet $(if $(OFFLINE),--no-index --find-links $(WHEELHOUSE)) "uv==$(UV_VERSION)"

install: $(if $(filter .tools/bin/uv,$(UV)),.tools/bin/uv) ## Create .venv and install the locked dependencies (OFFLINE=1: from the wheelhouse, no network)
ifeq ($(OFFLINE),)
	$(UV) sync --frozen || $(UV) sync --frozen --python 3.12
else
	@test -f $(WHEELHOUSE)/requirements.txt || { echo "No $(WHEELHOUSE)/requirements.txt: run make wheelhouse where the package index is reachable"; exit 1; }
	$(UV) venv --allow-existing --quiet --python "$$(cat $(WHEELHOUSE)/python-version)" .venv
	$(UV) pip sync --offline --no-index --find-links $(WHEELHOUSE) --require-hashes \
		--python .venv/bin/python $(WHEELHOUSE)/requirements.txt
endif

wheelhouse: $(if $(filter .tools/bin/uv,$(UV)),.tools/bin/uv) ## Download every locked dependency and uv as wheels into wheelhouse/ (WHEELHOUSE=dir) for make install OFFLINE=1
	mkdir -p $(WHEELHOUSE)
	$(UV) export --frozen --all-groups --no-emit-project --format requirements.txt \
		--quiet --output-file $(WHEELHOUSE)/requirements.txt
	echo "$(WHEEL_PYTHON)" > $(WHEELHOUSE)/python-version
	@# pip checks every file against the lock's hashes. The export lists every dependency,
	@# so none is resolved here (--no-deps); a package published only as source (crontab)
	@# comes as its sdist, built at install time with the build backend downloaded below.
	python3 -m pip download --quiet --no-deps --prefer-binary --python-version $(WHEEL_PYTHON) \
		--dest $(WHEELHOUSE) --requirement $(WHEELHOUSE)/requirements.txt
	python3 -m pip download --quiet --only-binary=:all: --dest $(WHEELHOUSE) \
		"uv==$(UV_VERSION)" setuptools wheel
	@echo "$(WHEELHOUSE)/: $$(ls $(WHEELHOUSE)/*.whl | wc -l) wheels for Python $(WHEEL_PYTHON); carry it with the source tree"

# The offline install, as on a closed network: the wheelhouse is built here (with the package
# index), then a fresh copy of the source tree with it installs and passes `manage.py check`
# in a network namespace with no network at all (unshare -n; needs root or user namespaces),
# on the embedded SQLite file (no database server is reachable there).
check-offline: ## Build the wheelhouse, install a fresh copy from it with no network, run manage.py check there
	$(MAKE) wheelhouse
	@copy=$$(mktemp -d) && trap 'rm -rf "$$copy"' EXIT && \
	tar -c --exclude=./.git --exclude=./.venv --exclude=./.tools --exclude=./var \
		--exclude=./test-artifacts --exclude='__pycache__' . | tar -x -C "$$copy" && \
	cd "$$copy" && mkdir -p var && \
	unshare -n $(MAKE) --no-print-directory install OFFLINE=1 UV=.tools/bin/uv && \
	unshare -n env -u DATABASE_URL PORTAL_ENV_FILE=/dev/null .venv/bin/python manage.py check && \
	echo "Installed from $(WHEELHOUSE)/ with no network; manage.py check passed."

run: install ## Migrate, load divisions, seed demo data (empty database only), serve on 127.0.0.1:$(PORT) with the task worker
	$(MANAGE) migrate --noinput
	$(MANAGE) load_divisions --province $(PROVINCE)
	$(MANAGE) seed_demo --if-empty
	@# Today's reminders and escalations, so the demo's inboxes are not empty (run daily in production).
	$(MANAGE) send_reminders
	@# The background task worker (long exports) runs beside the server and stops with it.
	@# --insecure: runserver serves the static files even with DEBUG off (make serve is the
	@# production way).
	$(MANAGE) run_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver --insecure 127.0.0.1:$(PORT)

# The production build on http://127.0.0.1: production settings, plain HTTP said aloud.
SERVE_ENV := DJANGO_SETTINGS_MODULE=config.settings.production PORTAL_PLAIN_HTTP=true

serve: install ## Serve as in production on 127.0.0.1:$(PORT): gunicorn, compressed static files, task workers restarted if they die
	$(SERVE_ENV) $(MANAGE) migrate --noinput
	$(SERVE_ENV) $(MANAGE) load_divisions --province $(PROVINCE)
	$(SERVE_ENV) $(MANAGE) collectstatic --noinput --verbosity 0
	$(SERVE_ENV) $(MANAGE) serve --port $(PORT)

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

check-backup: install ## Seed the demo, back it up, restore it elsewhere, compare indicators and files
	.ci/demo-backup-round-trip

check-migrations: ## Fail when a model change has no migration
	$(MANAGE) makemigrations --check --dry-run

messages: ## Refresh and compile the Chinese translations
	$(MANAGE) makemessages -l zh_Hans --no-obsolete --no-location --ignore=.venv --ignore=.tools
	$(MANAGE) compilemessages -l zh_Hans --ignore=.venv --ignore=.tools

# Backups (apps/core/backups.py): the database and MEDIA_ROOT in one folder with a manifest.
backup: install ## Back up the database (one snapshot) and the uploaded files into BACKUP_DIR (var/backups)
	$(MANAGE) backup $(if $(BACKUP_DIR),--into "$(BACKUP_DIR)")

restore: install ## Restore BACKUP=<backup folder> into an empty database and media folder
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=var/backups/portal-<time>"; exit 2; }
	$(MANAGE) restore "$(BACKUP)"

seed-scale: install ## Migrate, then seed provincial-scale synthetic data for benchmarks (empty database only)
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_scale

# Pages: make serve's production server on a free port, loaded by wrk (apt-get install wrk).
bench: install ## Benchmark exports, and pages served as by make serve under wrk, on seed_scale data (run make seed-scale first)
	$(MANAGE) bench $(BENCH_ARGS)

clean: ## Remove the environment and local data (var/; the wheelhouse stays)
	rm -rf .venv .tools var/portal.sqlite3 var/media var/staticfiles
