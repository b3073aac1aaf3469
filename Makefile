# Two commands do everything on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 5000
# Instances per process, e.g. make run SCALE="catalog=2 learning=2"
SCALE ?=

export PATH := $(CURDIR)/$(BIN):$(PATH)
# nameko imports pkg_resources, which warns at every start.
export PYTHONWARNINGS := ignore:pkg_resources is deprecated

.PHONY: admin run test bench venv lock db-bootstrap db-migrate db-seed migration web test-tools check-servers replay-events replay-mail media-import clean fuzz soak

venv: $(VENV)/.installed

# Made anew whenever a lock or pyproject.toml changes, so that it holds exactly
# the lock. First the dependencies, each checked against its hash; then the
# project's own packages (pyproject.toml), editable, with --no-deps since an
# editable install carries no hash, built by the locked setuptools
# (--no-build-isolation: nothing unpinned is fetched to build them).
$(VENV)/.installed: requirements-dev.lock requirements.lock pyproject.toml
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation --editable .
	touch $@

# Resolve requirements*.in again into the locks, every package pinned with its
# hashes, for Python 3.11 on Linux (the machines and the image); the runtime
# lock first, since the dev lock is constrained to it. Versions already locked
# are kept unless an .in file asks otherwise; to move one:
# make lock LOCK_ARGS="--upgrade-package kombu". The tool is pinned in lock-tool.txt.
LOCK_TOOL := .lock-tool
LOCK_ARGS ?=
LOCK := $(LOCK_TOOL)/bin/uv pip compile --quiet --generate-hashes --no-header \
	--python-version 3.11 --python-platform linux $(LOCK_ARGS)

$(LOCK_TOOL)/bin/uv: lock-tool.txt
	rm -rf $(LOCK_TOOL)
	$(PYTHON) -m venv $(LOCK_TOOL)
	$(LOCK_TOOL)/bin/pip install --quiet -r lock-tool.txt
	touch $@

lock: $(LOCK_TOOL)/bin/uv
	$(LOCK) requirements.in -o requirements.lock
	sed -i '1i # Resolved by `make lock` from requirements.in; do not edit.' requirements.lock
	$(LOCK) requirements-dev.in -o requirements-dev.lock
	sed -i '1i # Resolved by `make lock` from requirements-dev.in; do not edit.' requirements-dev.lock

check-servers:
	@deploy/check-servers.sh

db-bootstrap: venv check-servers
	$(BIN)/python -m deploy.bootstrap

db-migrate: db-bootstrap
	$(BIN)/python -m deploy.migrate

db-seed: db-migrate
	$(BIN)/python -m deploy.seed

# A new migration from the difference between a service's models and its
# schema: make migration SERVICE=catalog MESSAGE="add lesson notes"
migration: db-migrate
	$(BIN)/python -c 'from shared import migrations; migrations.revision("$(SERVICE)", "$(MESSAGE)")'

# The web app, rebuilt when its sources change.
WEB_SOURCES := $(shell find web/src web/public web/index.html web/vite.config.ts web/tsconfig.json web/package.json -type f 2>/dev/null)

web/node_modules/.package-lock.json: web/package-lock.json
	cd web && npm ci --no-audit --no-fund

web/dist/index.html: web/node_modules/.package-lock.json $(WEB_SOURCES)
	cd web && npm run build
	touch $@

web: web/dist/index.html

# The web app's API types (web/src/api-schema.ts), generated from the gateway's
# OpenAPI document (web/openapi.json). Run after changing a route or a model:
# make test fails while the committed files are stale.
.PHONY: api-types
api-types: venv web/node_modules/.package-lock.json
	$(BIN)/python -m gateway.openapi web/openapi.json
	cd web && node_modules/.bin/openapi-typescript openapi.json -o src/api-schema.ts

# honcho stops every process once one exits, and has no restart policy, so
# each Procfile line runs under deploy/supervise.py, which starts it again
# when it dies (compose restarts containers itself).
SUPERVISED_PROCFILE := .run/Procfile.supervised

$(SUPERVISED_PROCFILE): Procfile
	mkdir -p $(dir $@)
	sed -n 's/^\([A-Za-z0-9_-]*\):.*/\1: exec python -m deploy.supervise \1/p' Procfile > $@

run: db-seed web $(SUPERVISED_PROCFILE)
	@echo "make run: mail (welcome, receipts, certificates, reset links) lands in the Maildir $$($(BIN)/python -c 'from shared.settings import get_settings; print(get_settings().mail_dir)')/new"
	$(BIN)/honcho start --port $(PORT) $(if $(strip $(SCALE)),--concurrency $(subst $(space),$(comma),$(strip $(SCALE)))) --procfile $(SUPERVISED_PROCFILE)

# What the tests need beyond Python: Chromium for the browser test and
# docker-compose to validate the compose file (Debian packages, when missing).
test-tools:
	@deploy/install-test-tools.sh

# The test files are spread over TEST_WORKERS processes (pytest-xdist, one
# file's tests on one worker, as its module fixtures start suites); each
# worker has a database, a vhost and a suite of its own. The files that start
# servers of their own run on one worker, one after another, and take as long
# as all the others (tests/support/scheduling.py): two workers are enough.
# TEST_WORKERS=0 runs everything in this process.
TEST_WORKERS ?= 2
test: venv check-servers web test-tools
	$(BIN)/pytest --numprocesses $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder $(PYTEST_ARGS)

# schemathesis at length against a suite of its own (make test runs a few
# examples per operation): FUZZ_EXAMPLES per operation, as a visitor and a learner.
FUZZ_EXAMPLES ?= 200
fuzz: venv check-servers web
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest tests/e2e/test_api_schema.py -q

# The broker killed and started again SOAK_ROUNDS times under load, every
# process still answering after (make test does it 4 times): about 15 s a round.
SOAK_ROUNDS ?= 30
soak: venv check-servers web
	BROKER_RESTART_ROUNDS=$(SOAK_ROUNDS) $(BIN)/pytest tests/e2e/test_broker_restarts.py -q -k rides_out

# Give an existing account a role (admin unless ROLE= says instructor or
# learner): make admin EMAIL=ann@example.com
ROLE ?= admin
admin: venv
	@test -n "$(EMAIL)" || { echo "usage: make admin EMAIL=ann@example.com [ROLE=instructor]"; exit 2; }
	$(BIN)/python -m auth.admin "$(EMAIL)" --role "$(ROLE)"

# The suite against a monolith on the same data (benchmarks/run.py): requests/s,
# p50 and p99 of each, the hop cost, checkout, logins and the broker's counts.
# About ten minutes; not part of make test. Needs wrk (Debian's package,
# installed when missing, as root). make bench BENCH_ARGS="--rounds 5 --seconds 5"
BENCH_ARGS ?=
bench: venv check-servers
	@command -v wrk >/dev/null || { apt-get install -y -q wrk >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }; }
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

# Re-queue the order events that learning parked after repeated failures.
replay-events: venv
	$(BIN)/python -m learning.replay --replay

# Send again the mail that notifications parked (the SMTP server refused it
# too long, or a send was interrupted): python -m notifications.replay lists them.
replay-mail: venv
	$(BIN)/python -m notifications.replay --replay

# Import a video for a lesson and queue its transcode (the media service's
# storage must be this machine's): make media-import LESSON=<id> FILE=video.mp4
media-import: venv
	$(BIN)/python -m media.importer --lesson "$(LESSON)" "$(FILE)"

clean:
	rm -rf $(VENV) $(LOCK_TOOL) .pytest_cache web/dist web/node_modules

comma := ,
space := $(subst ,, )
