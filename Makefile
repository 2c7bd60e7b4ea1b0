# Two commands for a new user: `make run` and `make test`. Everything else is a step of those.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= data/warehouse.duckdb
PORT   ?= 8501
SAMPLE := $(wildcard data/sample/*.csv data/sample/*.xlsx)

.PHONY: setup setup-dev run warehouse test lint format sample bench browser pdftools clean

$(BIN)/.runtime-installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(BIN)/.dev-installed: requirements-dev.txt $(BIN)/.runtime-installed
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

setup: $(BIN)/.runtime-installed      ## create .venv with the runtime

setup-dev: $(BIN)/.dev-installed      ## .venv with the test tools too

warehouse: setup                      ## build the warehouse from the sample when there is none
	@test -f $(DB) || $(BIN)/python -m analytics ingest --db $(DB) $(SAMPLE)

run: warehouse                        ## open the dashboard on 127.0.0.1
	ANALYTICS_DB=$(DB) $(BIN)/streamlit run dashboard.py --server.address 127.0.0.1 --server.port $(PORT)

browser:                              ## Debian's chromium for the browser tests
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

pdftools:                             ## Debian's poppler-utils: the PDF report's tests render its pages
	@command -v pdftoppm >/dev/null 2>&1 || { \
	  echo "installing Debian's poppler-utils for the PDF report's tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq poppler-utils >/dev/null; }

lint: setup-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: setup-dev browser pdftools lint          ## ruff and the whole test suite
	$(BIN)/python -m pytest

sample: setup                         ## regenerate data/sample/ deterministically
	$(BIN)/python -m analytics generate --out data/sample

bench: setup-dev                      ## the performance benchmark (docs/PERFORMANCE.md)
	$(BIN)/python -m analytics bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache test-artifacts
