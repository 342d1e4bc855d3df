# chinadigital: `make help` lists the targets.
# Everything a command needs is installed here from requirements.lock into .venv,
# so a fresh machine with Python 3.11 and make is enough.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)

.DEFAULT_GOAL := help
.PHONY: help venv test validate clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml
	@test -n "$(PYTHON)" || { echo "need python3.11 on PATH (or PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-*
	touch $@

venv: $(STAMP)  ## create .venv and install the pinned dependencies

test: $(STAMP)  ## run the test suite
	$(BIN)/python -m pytest

validate: $(STAMP)  ## check the dataset in data/ and list every problem
	$(BIN)/chinadigital validate

clean:  ## remove the virtual environment and generated reports
	rm -rf $(VENV) reports .pytest_cache
