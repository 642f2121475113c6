# Two entry points for a fresh Debian machine with Python 3.11: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DIR := demo

.PHONY: demo test lint typecheck unit bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

# Cleaning reads every line of every article: its modules are compiled with mypyc (part
# of mypy) into C extensions beside their sources (about 40 % faster, same results; see
# docs/benchmarks.md). Without a C compiler or Python's headers they stay pure Python.
COMPILED := $(addprefix marsad/text/,boilerplate.py clean.py normalize.py offsets.py)

$(VENV)/.compiled: $(addprefix src/,$(COMPILED)) src/marsad/model.py | $(VENV)/.installed
	$(BIN)/pip install --quiet 'mypy>=1.10'
	rm -rf src/build src/*__mypyc*.so src/marsad/text/*.so
	cd src && ../$(BIN)/mypyc $(COMPILED) > mypyc.log 2>&1 \
		&& echo "marsad: cleaning modules compiled with mypyc" \
		|| { rm -f *__mypyc*.so marsad/text/*.so; \
		     echo "marsad: mypyc could not compile the cleaning modules (see src/mypyc.log): pure Python"; }
	rm -rf src/build
	touch $@

# The sample corpus's outlets, registered as a user would (with alignment labels the user set).
demo: export MARSAD_OUTLETS_FILE := examples/outlets.tsv
demo: $(VENV)/.installed $(VENV)/.compiled
	@mkdir -p $(DEMO_DIR)
	@rm -f $(DEMO_DIR)/marsad.db $(DEMO_DIR)/marsad.db-wal $(DEMO_DIR)/marsad.db-shm
	$(BIN)/marsad analyze examples/corpus --db $(DEMO_DIR)/marsad.db
	$(BIN)/marsad articles --db $(DEMO_DIR)/marsad.db
	$(BIN)/marsad articles --db $(DEMO_DIR)/marsad.db --json > $(DEMO_DIR)/articles.json
	$(BIN)/marsad events --db $(DEMO_DIR)/marsad.db
	$(BIN)/marsad events --db $(DEMO_DIR)/marsad.db --json > $(DEMO_DIR)/events.json
	$(BIN)/marsad report --db $(DEMO_DIR)/marsad.db --out $(DEMO_DIR)/report.html
	@echo
	@echo "Output: $(DEMO_DIR)/marsad.db (SQLite store), $(DEMO_DIR)/articles.json, $(DEMO_DIR)/events.json"
	@echo "        and the report: $(DEMO_DIR)/report.html (open it in a browser)."
	@echo "Try:    $(BIN)/marsad article ID --db $(DEMO_DIR)/marsad.db"
	@echo "        $(BIN)/marsad event ID --db $(DEMO_DIR)/marsad.db"

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

# The report test opens the HTML report in headless Chromium (Debian package, never a
# downloaded browser); installed here when missing. Without it that one test skips.
/usr/bin/chromium:
	-apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

unit: $(VENV)/.installed-dev $(VENV)/.compiled /usr/bin/chromium
	$(BIN)/pytest -q

test: lint typecheck unit

bench: $(VENV)/.installed-dev $(VENV)/.compiled
	$(BIN)/python benchmarks/ingest.py
	$(BIN)/python benchmarks/extract.py
	$(BIN)/python benchmarks/grouping.py

clean:
	rm -rf $(VENV) $(DEMO_DIR) .mypy_cache .ruff_cache .pytest_cache
	rm -rf src/build src/mypyc.log src/*__mypyc*.so src/marsad/text/*.so
