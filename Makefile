# chinadigital: `make help` lists the targets.
# Everything a command needs is installed here from requirements.lock into .venv,
# so a fresh machine with Python 3.11 and make is enough.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)

.DEFAULT_GOAL := help
.PHONY: help venv test test-fast validate reports lab browser bench clean

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

test: $(STAMP) browser  ## run the test suite (installs Chromium and CJK fonts for the browser tests if missing)
	$(BIN)/python -m pytest

test-fast: $(STAMP)  ## the tests that start no browser, kernel or cluster (a quick lane while editing)
	$(BIN)/python -m pytest -q -m "not browser and not kernel and not cluster"

reports: $(STAMP)  ## build every report in reports.toml into reports/ (offline HTML + index.html)
	$(BIN)/chinadigital build

lab: $(STAMP)  ## open JupyterLab on notebooks/ (charts render offline)
	$(BIN)/jupyter lab --notebook-dir=notebooks

bench: $(STAMP) browser  ## time the batch against the naive pipeline (writes benchmarks/RESULTS.md)
	$(BIN)/python benchmarks/bench_build.py --rounds 3 --results benchmarks/RESULTS.md

browser:  ## Debian's Chromium, Noto CJK fonts and poppler (printed pages), for the browser tests and screenshots
	@command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi "noto.*cjk" && command -v pdftoppm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk poppler-utils >/dev/null; \
	  else echo "browser tests need chromium, fonts-noto-cjk and poppler-utils: sudo apt-get install chromium fonts-noto-cjk poppler-utils"; exit 1; fi; }

validate: $(STAMP)  ## check the dataset in data/ and list every problem
	$(BIN)/chinadigital validate

clean:  ## remove the virtual environment and generated reports
	rm -rf $(VENV) reports .pytest_cache
