# Two commands set everything up on a fresh machine:
#   make export   create .venv, install Octavo, export the bundled event into build/
#   make test     same bootstrap, then the full test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# An editable install as a plain path entry: setuptools' default import hook
# costs every command ~20 ms before its first line runs (see README, Speed).
EDITABLE := --config-settings editable_mode=compat

.PHONY: export test bench clean

$(STAMP): pyproject.toml Makefile
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet $(EDITABLE) -e '.[test]' || $(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

export: $(STAMP)
	$(BIN)/octavo validate
	$(BIN)/octavo export all
	$(BIN)/octavo export pdf --layout report

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/pip install --quiet $(EDITABLE) -e '.[test,bench]' || $(BIN)/pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/run.py --runs 5 --sizes 1,10,40

clean:
	rm -rf build $(VENV)
