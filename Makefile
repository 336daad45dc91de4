# aikg: two commands do all set-up on a fresh machine.
#   make run   - create .venv, install, ingest the bundled data, serve GraphQL on 127.0.0.1:8000
#   make test  - install what the tests need (Python dev deps, the Cypher lint tool) and run them
#   make extract - regenerate data/extract/ from ../shared/data (AIID, AI Error Litigation Index)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
AIKG := $(BIN)/aikg
LINT_DIR := tools/cypher_lint

docs: install
	$(AIKG) schema --update-readme README.md

SHARED_DATA ?= ../shared/data

.PHONY: extract docs run install install-dev lint-deps test test-neo4j check lint types bench bench-bolt clean help

help:
	@grep -E '^#   make' Makefile | sed 's/^#   //'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

$(LINT_DIR)/node_modules/.installed: $(LINT_DIR)/package-lock.json
	npm ci --prefix $(LINT_DIR) --no-audit --no-fund --loglevel=error
	@touch $@

lint-deps: $(LINT_DIR)/node_modules/.installed

extract: install
	$(AIKG) extract --source aiid $(SHARED_DATA)/aiid -o data/extract/aiid.ndjson
	$(AIKG) extract --source ai-incident-law $(SHARED_DATA)/ai-incident-law/data.json -o data/extract/ai-incident-law.ndjson
	$(AIKG) extract --source headlines $(SHARED_DATA)/aiid/aiid_graphql_export.json -o data/extract/headlines.ndjson

run: install
	$(AIKG) ingest
	$(AIKG) serve

test: install-dev lint-deps
	$(BIN)/pytest -q

# The contract suite against a real Neo4j: set NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD first.
test-neo4j: install-dev lint-deps
	@test -n "$$NEO4J_URI" || (echo "set NEO4J_URI (e.g. bolt://127.0.0.1:7687) and NEO4J_PASSWORD" && exit 2)
	$(BIN)/pytest -q tests/contract

lint: install-dev
	$(BIN)/ruff check graph queries ingest api tests bench

types: install-dev
	$(BIN)/mypy

check: lint types test

bench: install-dev
	$(BIN)/python -m bench.ingest_bench --relations 100000

# Ingest over Bolt by batch size: ArcadeDB (started here), or a real Neo4j with --neo4j.
bench-bolt: install-dev
	$(BIN)/python -m bench.bolt_bench --relations 100000 --batch-sizes 500,1000,5000

clean:
	rm -rf $(VENV) .aikg .mypy_cache .ruff_cache .pytest_cache $(LINT_DIR)/node_modules
