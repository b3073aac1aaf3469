# Two commands do everything on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 5000
# Instances per process, e.g. make run SCALE="catalog=2 learning=2"
SCALE ?=

export PYTHONPATH := $(CURDIR):$(CURDIR)/gateway:$(CURDIR)/services/auth:$(CURDIR)/services/catalog:$(CURDIR)/services/learning:$(CURDIR)/services/commerce:$(CURDIR)/services/media
export PATH := $(CURDIR)/$(BIN):$(PATH)
# nameko imports pkg_resources, which warns at every start.
export PYTHONWARNINGS := ignore:pkg_resources is deprecated

.PHONY: run test venv db-bootstrap db-migrate db-seed migration web test-tools check-servers replay-events media-import clean

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

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

run: db-seed web
	$(BIN)/honcho start --port $(PORT) $(if $(strip $(SCALE)),--concurrency $(subst $(space),$(comma),$(strip $(SCALE))))

# What the tests need beyond Python: Chromium for the browser test and
# docker-compose to validate the compose file (Debian packages, when missing).
test-tools:
	@deploy/install-test-tools.sh

test: venv check-servers web test-tools
	$(BIN)/pytest $(PYTEST_ARGS)

# Re-queue the order events that learning parked after repeated failures.
replay-events: venv
	$(BIN)/python -m learning.replay --replay

# Import a video for a lesson and queue its transcode (the media service's
# storage must be this machine's): make media-import LESSON=<id> FILE=video.mp4
media-import: venv
	$(BIN)/python -m media.importer --lesson "$(LESSON)" "$(FILE)"

clean:
	rm -rf $(VENV) .pytest_cache web/dist web/node_modules

comma := ,
space := $(subst ,, )
