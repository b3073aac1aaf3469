# Two commands do everything on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 5000
# Instances per process, e.g. make run SCALE="catalog=2 learning=2"
SCALE ?=

export PYTHONPATH := $(CURDIR):$(CURDIR)/gateway:$(CURDIR)/services/auth:$(CURDIR)/services/catalog:$(CURDIR)/services/learning:$(CURDIR)/services/commerce
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: run test venv db-bootstrap db-migrate db-seed web check-servers clean

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

run: db-seed
	$(BIN)/honcho start --port $(PORT) $(if $(strip $(SCALE)),--concurrency $(subst $(eval) ,$(comma),$(strip $(SCALE))))

test: venv check-servers
	$(BIN)/pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache

comma := ,
