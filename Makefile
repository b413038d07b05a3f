# One entry point for maintainers and CI. Every target sets up .venv from the lock file first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# generator/settings.py's ENGINE_ENVIRONMENT, for `make serve`, which runs MkDocs directly (a test keeps them equal):
# Material prints a banner about its end of life on every build; the project pins 9.x knowingly.
export NO_MKDOCS_2_WARNING := 1
# `make check CHECK_FORMAT=github` turns each problem into a GitHub annotation (CI does this).
CHECK_FORMAT ?= text
# `make serve PORT=8001` previews on another port (and HOST=0.0.0.0 on every interface); `make serve-ar` previews
# the Arabic edition on AR_PORT, so that both can run side by side.
PORT ?= 8000
AR_PORT ?= 8001
HOST ?= 127.0.0.1
# `make audit REFERENCE=path/to/reference` reads the fact bases from another folder.
REFERENCE ?= ../shared/reference

.PHONY: site test serve serve-ar check audit lint generate docs bench clean lock

## site: build the whole site into site/ (atomically; the previous site stays if anything fails)
site: $(STAMP)
	$(BIN)/timeline build

## test: run the whole test suite, slow tests included, on every core (the same command CI runs)
TEST_WORKERS ?= auto
test: $(STAMP)
	$(BIN)/python -m pytest -n $(TEST_WORKERS)

## serve: live preview on http://$(HOST):$(PORT) (rebuilds when an event, registry or template changes)
serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr $(HOST):$(PORT)

## serve-ar: live preview of the Arabic edition on http://$(HOST):$(AR_PORT), at the server's root (the same updates)
serve-ar: $(STAMP)
	$(BIN)/mkdocs serve -f mkdocs.ar.yml --dev-addr $(HOST):$(AR_PORT)

## check: validate every event and registry file, then lint and type-check the code
check: $(STAMP)
	$(BIN)/timeline check --format $(CHECK_FORMAT)
	$(BIN)/timeline docs --check
	$(BIN)/ruff check generator tools tests
	$(BIN)/ruff format --check generator tools tests
	$(BIN)/mypy

## audit: compare the content with the fact bases in ../shared/reference/ (on demand; not part of `make test`)
audit: $(STAMP)
	$(BIN)/timeline audit --reference $(REFERENCE)

## docs: rewrite the field reference in CONTRIBUTING.md from generator/data/timeline.schema.json
docs: $(STAMP)
	$(BIN)/timeline docs

## generate: write the generated Markdown into build/generated/ without running MkDocs
generate: $(STAMP)
	$(BIN)/timeline generate

## bench: time check, generate, the full site build, the live preview and Zensical at 1,000 and 10,000 events of
## both corpora (synthetic and real-shaped) against the libyaml, plain-MkDocs, trivial-page and Hugo floors (Hugo
## where Debian's `hugo` is installed), then the growth check of check and generate up to 100,000 events (fails on
## super-linear growth), then the speed-ups' libraries (jsonschema-rs, orjson) against what they replaced at 10,000
## real-shaped events; writes BENCHMARKS.md.
## With ROUNDS_AT=10000:1 SPEEDUP_ROUNDS=3 it measured for 99 + 3 minutes on 2 cores (BENCHMARKS.md); the default 3
## rounds at 10,000 events take longer. `make bench GROWTH=1000,10000 ROUNDS_AT=10000:1 SPEEDUP_ROUNDS=3` for a quicker run.
## `make bench RESUME=1` keeps the corpora a stopped run finished (same commit, settings and machine).
BENCH_SIZES ?= 1000,10000
ROUNDS ?= 3
ROUNDS_AT ?=
GROWTH ?= 1000,10000,100000
SPEEDUP_ROUNDS ?= 5
RESUME ?=
bench: $(STAMP)
	$(BIN)/python -m tools.bench --sizes $(BENCH_SIZES) --rounds $(ROUNDS) --rounds-at "$(ROUNDS_AT)" --growth $(GROWTH) $(if $(RESUME),--resume) --work build/bench --report BENCHMARKS.md
	$(BIN)/python -m tools.bench_speedups --rounds $(SPEEDUP_ROUNDS) --work build/bench --report BENCHMARKS.md

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

## lock: re-resolve requirements.lock from pyproject.toml (needs the registry)
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet pip-tools==7.6.2
	$(BIN)/pip-compile --quiet --extra dev --allow-unsafe --generate-hashes --strip-extras --no-emit-index-url -o requirements.lock pyproject.toml

clean:
	rm -rf build site .site-staging .pytest_cache .mypy_cache .ruff_cache
