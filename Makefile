# `make demo`: set up .venv and run Chronicle on the bundled sample articles.
# `make test`: set up .venv with the test tools and run the test suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test install install-dev bench bench-store serve bench-serve clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e . || $(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-dev: requirements-dev.lock $(VENV)/.installed
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

demo: install
	$(BIN)/chronicle demo --db demo.duckdb
	$(BIN)/chronicle events --db demo.duckdb --limit 15

test: install-dev
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python bench/throughput.py

# DuckDB against PostgreSQL ($$CHRONICLE_BENCH_PG or $$CHRONICLE_TEST_PG; DuckDB only without one).
bench-store: install
	$(BIN)/python bench/store.py $(BENCH_ARGS)

# The API and web app over the demo store (`make demo` fills it); prints the address with the token.
serve: install
	$(BIN)/chronicle serve --db demo.duckdb

# 100 clients for 30 s against a store of 100,000+ events (built without NLP in a temporary file).
bench-serve: install
	$(BIN)/python bench/serve_load.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) demo.duckdb *.egg-info
