# The commands the README tells people to type. Each sets up .venv first when needed.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?= -n auto
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: demo test lint fmt bench messages vendor clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $@

demo: $(STAMP)          ## migrate, load the 2025 晋中 demo, serve on http://127.0.0.1:8000
	$(BIN)/taizhang demo

test: $(STAMP)          ## the whole suite (SQLite by default; set TAIZHANG_DATABASE_URL for PostgreSQL)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

BENCH_STAMP := $(VENV)/.bench-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install -q -e '.[test,bench]'
	rm -f $(VENV)/.bench-* && touch $@

bench: $(STAMP) $(BENCH_STAMP)  ## benchmarks, each against a baseline in the same run (docs/benchmarks.md)
	$(BIN)/python bench/bench_status.py 2000
	$(BIN)/python bench/bench_import.py 100000
	$(BIN)/python bench/extraction/evaluate.py --split tune

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: $(STAMP)      ## refresh the zh_Hans catalogue after changing UI strings, then compile it
	cd taizhang && ../$(BIN)/taizhang makemessages -l zh_Hans --no-obsolete --no-location
	cd taizhang && ../$(BIN)/taizhang compilemessages -l zh_Hans

vendor:                 ## re-take the pinned front-end assets from the npm registry
	rm -rf /tmp/taizhang-vendor && mkdir -p /tmp/taizhang-vendor
	cd /tmp/taizhang-vendor && npm pack htmx.org@2.0.4 echarts@5.6.0 >/dev/null && for f in *.tgz; do mkdir -p $${f%.tgz} && tar xzf $$f -C $${f%.tgz}; done
	cp /tmp/taizhang-vendor/htmx.org-2.0.4/package/dist/htmx.min.js taizhang/static/vendor/htmx/
	cp /tmp/taizhang-vendor/echarts-5.6.0/package/dist/echarts.min.js taizhang/static/vendor/echarts/

clean:
	rm -rf $(VENV) var
