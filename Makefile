# Two commands on a fresh clone: `make extract` and `make test`. Each sets up .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
RAW ?= data/raw
OUT ?= data/processed
JOBS ?= 1

.PHONY: extract report test train bench score score-heldout score-sealed setup clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test,report,dask]"
	touch $(STAMP)

setup: $(STAMP)

extract: $(STAMP)
	$(PY) -m pipeline extract --raw $(RAW) --out $(OUT) --jobs $(JOBS)

# One self-contained HTML page of charts and tables from the tables (brought up to date first).
report: extract
	$(PY) -m pipeline report --tables $(OUT) --html build/report.html

test: $(STAMP)
	$(PY) -m pytest -q

# Rebuild the shipped NER model from the corpora and the in-domain annotations (~30 min; not in CI).
train: $(STAMP)
	$(PY) -m training.train --with-test-split

# Throughput, re-run time and memory on synthetic corpora (long: up to 30,000 articles; `make bench BENCH=--quick`
# for 300 and 1,000); the numbers go into the README.
BENCH ?=
bench: $(STAMP)
	$(PY) scripts/bench.py $(BENCH)

# Dev-set scores (needs ../shared beside the checkout).
score: $(STAMP)
	rm -rf build/dev-out
	$(PY) -m pipeline extract --raw ../shared/dev/raw --out build/dev-out
	$(PY) ../shared/tools/score.py ../shared/dev/gold build/dev-out

# The whole pipeline on the project's held-out split of annotated 2024 articles (needs ../shared).
score-heldout: $(STAMP)
	$(PY) -m training.score_heldout

# The sealed split (issue 9): score it rarely and log each run with its date in training/README.md.
score-sealed: $(STAMP)
	$(PY) -m training.score_heldout --split sealed

clean:
	rm -rf $(OUT) build
