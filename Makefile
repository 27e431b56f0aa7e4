# make leaflets  - set up, then build every leaflet in every language into out/
# make test      - set up, then run the whole test suite
# make setup     - system packages + .venv (idempotent, quick when nothing is missing)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup system leaflets test lint bench clean

setup: system $(STAMP)

system:
	@scripts/setup-system.sh

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

leaflets: setup
	$(BIN)/medleaf build --out out

test: setup
	$(BIN)/ruff check --quiet .
	$(BIN)/medleaf check
	$(BIN)/medleaf i18n stats --check
	$(BIN)/pytest -q

bench: setup
	$(BIN)/python bench/bench.py

clean:
	rm -rf out
	find locales -name '*.mo' -delete
