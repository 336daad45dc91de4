# aikg: two commands do all set-up on a fresh machine.
#   make run   - create .venv, install, build web/, ingest the bundled data, serve on 127.0.0.1:8000
#   make test  - install what the tests need (Python dev deps, Cypher lint, Neo4j, web/, Chromium), run them
#   make neo4j - run Neo4j Community 5.26 on 127.0.0.1 in the foreground (prints NEO4J_* to use)
#   make extract - regenerate data/extract/ from ../shared/data (AIID, AI Error Litigation Index)
#   make web   - build the explorer and GraphiQL assets into web/dist (npm ci, esbuild; no CDN)
#   make screenshots - run the browser tests and keep their screenshots in docs/screenshots/
#   make docs    - regenerate api/schema.graphql, the Bloom perspective and the generated parts of docs/
#   make help    - this list (also what a bare `make` prints)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
AIKG := $(BIN)/aikg
LINT_DIR := tools/cypher_lint
WEB_DIR := web
# Debian's Chromium and its driver for the browser tests (tests/e2e); apt only when missing.
CHROMIUM := /usr/bin/chromium
CHROMEDRIVER := /usr/bin/chromedriver
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
NEO4J_SERVER := tools/neo4j-server
NEO4J_BUILT := $(NEO4J_SERVER)/target/.built

SHARED_DATA ?= ../shared/data

.PHONY: extract docs run install install-dev lint-deps neo4j-deps neo4j web browser screenshots test test-neo4j check lint types bench bench-bolt clean help

# The first target is what a bare `make` does: list the targets, change nothing.
help:
	@grep -E '^#   make' Makefile | sed 's/^#   //'

docs: install
	$(BIN)/python -m api.gql.sdl --write
	$(AIKG) bloom -o bloom/aikg.perspective.json
	$(BIN)/python -m api.docs --write

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev,draw]'
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

$(LINT_DIR)/node_modules/.installed: $(LINT_DIR)/package-lock.json
	npm ci --prefix $(LINT_DIR) --no-audit --no-fund --loglevel=error
	@touch $@

lint-deps: $(LINT_DIR)/node_modules/.installed

$(WEB_DIR)/node_modules/.installed: $(WEB_DIR)/package-lock.json
	npm ci --prefix $(WEB_DIR) --no-audit --no-fund --loglevel=error
	@touch $@

$(WEB_DIR)/dist/.built: $(WEB_DIR)/node_modules/.installed $(WEB_DIR)/build.mjs $(wildcard $(WEB_DIR)/src/*)
	cd $(WEB_DIR) && node build.mjs
	@touch $@

web: $(WEB_DIR)/dist/.built

browser:
	@test -x $(CHROMIUM) && test -x $(CHROMEDRIVER) || { $(SUDO) apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends \
		chromium chromium-driver; }

screenshots: install-dev web browser
	AIKG_SCREENSHOT_DIR=docs/screenshots $(BIN)/pytest -q tests/e2e
# Neo4j Community and APOC from Maven Central (first time ~150 MB into ~/.m2), the launcher
# compiled; afterwards the server starts offline from target/classpath.txt.
$(NEO4J_BUILT): $(NEO4J_SERVER)/pom.xml $(NEO4J_SERVER)/src/main/java/aikg/Neo4jServer.java
	@echo "resolving Neo4j from Maven Central (first time only) and compiling the launcher"
	mvn -B -q -f $(NEO4J_SERVER)/pom.xml compile
	@touch $@

neo4j-deps: $(NEO4J_BUILT)

# NEO4J_PASSWORD (else a random one), NEO4J_ARGS="--port 7687 --home .aikg/neo4j" to keep data.
neo4j: neo4j-deps
	$(NEO4J_SERVER)/neo4j-server --print-env $(NEO4J_ARGS)

extract: install
	$(AIKG) extract --source aiid $(SHARED_DATA)/aiid -o data/extract/aiid.ndjson
	$(AIKG) extract --source ai-incident-law $(SHARED_DATA)/ai-incident-law/data.json -o data/extract/ai-incident-law.ndjson
	$(AIKG) extract --source headlines $(SHARED_DATA)/aiid/aiid_graphql_export.json -o data/extract/headlines.ndjson

run: install web
	$(AIKG) ingest
	$(AIKG) serve

test: install-dev lint-deps neo4j-deps web browser
	$(BIN)/pytest -q

# The Neo4j suites against your own Neo4j (its database is WIPED): set NEO4J_URI, NEO4J_USER,
# NEO4J_PASSWORD, NEO4J_DATABASE first. Without NEO4J_URI, `make test` starts one itself.
test-neo4j: install-dev lint-deps
	@test -n "$$NEO4J_URI" || (echo "set NEO4J_URI (e.g. bolt://127.0.0.1:7687) and NEO4J_PASSWORD" && exit 2)
	$(BIN)/pytest -q tests/contract tests/api tests/bloom

lint: install-dev
	$(BIN)/ruff check graph queries ingest api tests bench

types: install-dev
	$(BIN)/mypy

check: lint types test

bench: install-dev
	$(BIN)/python -m bench.ingest_bench --relations 100000

# Ingest over Bolt by batch size into Neo4j Community started here (or NEO4J_URI's with --neo4j).
bench-bolt: install-dev neo4j-deps
	$(BIN)/python -m bench.bolt_bench --relations 100000 --batch-sizes 1000,5000,20000

clean:
	rm -rf $(VENV) .aikg .mypy_cache .ruff_cache .pytest_cache $(LINT_DIR)/node_modules \
		$(NEO4J_SERVER)/target $(WEB_DIR)/node_modules $(WEB_DIR)/dist
