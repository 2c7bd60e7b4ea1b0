# Two commands for a new user: `make run` and `make test`. Everything else is a step of those.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= data/warehouse.duckdb
PORT   ?= 8501
SAMPLE := $(wildcard data/sample/*.csv data/sample/*.xlsx)

.PHONY: setup setup-dev lock run serve haproxy warehouse test test-fast lint format sample bench browser pdftools clean

# Installs come from the locks: every package of the environment at an exact version with its
# hashes (pip refuses anything unlisted or altered). `make lock` writes them from requirements*.txt.
$(BIN)/.runtime-installed: requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	touch $@

$(BIN)/.dev-installed: requirements-dev.lock $(BIN)/.runtime-installed
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements-dev.lock
	touch $@

setup: $(BIN)/.runtime-installed      ## create .venv with the runtime

setup-dev: $(BIN)/.dev-installed      ## .venv with the test tools too

# One resolution for every platform and Python >= 3.11, hashes of every file; pins already in a
# lock are kept (LOCK_ARGS=--upgrade moves everything to the newest allowed). The dev lock is
# constrained by the runtime lock, so tests run on exactly the versions `make run` installs.
UV_COMPILE = $(BIN)/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	--custom-compile-command "make lock" $(LOCK_ARGS)

$(BIN)/uv:                            # the locker alone (pinned in requirements-dev.txt), so a missing lock can be made
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet "$$(grep '^uv==' requirements-dev.txt)"

lock: $(BIN)/uv                       ## refresh requirements.lock and requirements-dev.lock after editing requirements*.txt
	@for f in requirements.lock requirements-dev.lock; do \
	  if grep -q '^<<<<<<<' $$f 2>/dev/null; then echo "$$f has merge conflicts: starting from HEAD's pins"; git show HEAD:$$f > $$f; fi; \
	done
	$(UV_COMPILE) requirements.txt -o requirements.lock
	$(UV_COMPILE) requirements-dev.txt -c requirements.lock -o requirements-dev.lock

warehouse: setup                      ## build the warehouse from the sample when there is none
	@test -f $(DB) || $(BIN)/python -m analytics ingest --db $(DB) $(SAMPLE)

run: warehouse                        ## open the dashboard on 127.0.0.1
	ANALYTICS_DB=$(DB) $(BIN)/python -m ui.launch --server.address 127.0.0.1 --server.port $(PORT)

REPLICAS ?= 3
serve: warehouse haproxy              ## the dashboard from REPLICAS read-only replicas behind HAProxy on 127.0.0.1:PORT (docs/DEPLOYMENT.md)
	ANALYTICS_DB=$(DB) $(BIN)/python -m analytics serve --db $(DB) --replicas $(REPLICAS) --port $(PORT) $(if $(SECRETS),--secrets $(SECRETS))

haproxy:                              ## Debian's haproxy for make serve
	@command -v haproxy >/dev/null 2>&1 || test -x /usr/sbin/haproxy || { \
	  echo "installing Debian's haproxy for make serve"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq haproxy >/dev/null; }

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

# The suite in two runs: the tests that time real servers, browsers and killed processes
# (markers browser, kill, load, serve; pyproject.toml) one at a time as before, all the others on
# JOBS processes, a module per process (module fixtures are built once).
JOBS ?= 2
FAST = not browser and not kill and not load and not serve
PARALLEL = $(if $(filter-out 0 1,$(JOBS)),-n $(JOBS) --dist loadfile)

test: setup-dev browser pdftools haproxy lint          ## ruff and the whole test suite (what CI runs)
	$(BIN)/python -m pytest $(PARALLEL) -m "$(FAST)"
	$(BIN)/python -m pytest -m "(browser or kill or load) and not serve"
	$(BIN)/python -m pytest -m "serve"

test-fast: setup-dev pdftools lint             ## ruff and every test but the browser, SIGKILL and load ones
	$(BIN)/python -m pytest $(PARALLEL) -m "$(FAST)"

sample: setup                         ## regenerate data/sample/ deterministically
	$(BIN)/python -m analytics generate --out data/sample

bench: setup-dev browser              ## the performance benchmark (docs/PERFORMANCE.md)
	$(BIN)/python -m analytics bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache test-artifacts
