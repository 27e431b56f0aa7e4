# make leaflets  - set up, then build every leaflet in every language into out/
# make test      - set up, then run the whole test suite
# make setup     - system packages + .venv from requirements.lock (idempotent, quick)
# make lock      - after editing pyproject.toml: re-resolve the lock, keeping current pins
# make upgrade   - re-resolve the lock to the newest allowed versions, then run the tests
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LOCK   := requirements.lock
PIP    := $(BIN)/pip install --quiet --disable-pip-version-check
UV_COMPILE := $(BIN)/uv pip compile --quiet pyproject.toml --extra test --extra dev --generate-hashes \
              --python-version 3.11 --custom-compile-command "make lock" -o $(LOCK)

.PHONY: setup system leaflets test lint bench clean lock upgrade schema

setup: system $(STAMP)

system:
	@scripts/setup-system.sh

# Exactly the locked versions, checked against their hashes; medleaf itself is built with
# the locked setuptools, so nothing unlocked is downloaded.
$(STAMP): $(LOCK) pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) --require-hashes --no-deps -r $(LOCK)
	$(PIP) --no-deps --no-build-isolation -e .
	$(BIN)/pip check --disable-pip-version-check
	@touch $(STAMP)

leaflets: setup
	$(BIN)/medleaf build --out out

test: setup
	$(BIN)/ruff check --quiet .
	$(BIN)/medleaf check
	$(BIN)/medleaf i18n stats --check
	scripts/msgfmt-check.sh
	$(BIN)/pytest -q

bench: setup
	$(BIN)/python bench/bench.py

schema: setup
	$(BIN)/python scripts/write-schema.py

lock: setup
	$(UV_COMPILE)

upgrade: setup
	$(UV_COMPILE) --upgrade
	$(MAKE) test

clean:
	rm -rf out
	find locales -name '*.mo' -delete
