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

demo: $(VENV)/.installed
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

unit: $(VENV)/.installed-dev /usr/bin/chromium
	$(BIN)/pytest -q

test: lint typecheck unit

bench: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/ingest.py
	$(BIN)/python benchmarks/extract.py
	$(BIN)/python benchmarks/grouping.py

clean:
	rm -rf $(VENV) $(DEMO_DIR) .mypy_cache .ruff_cache .pytest_cache
